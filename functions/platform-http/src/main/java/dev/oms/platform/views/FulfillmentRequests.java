package dev.oms.platform.views;

import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;

/** Reads a fulfilment request ({@code POST .../fulfillments}, a row of the bulk job); errors go on the body. */
public final class FulfillmentRequests {
    private FulfillmentRequests() { }

    public static FulfillmentRequest request(Body b) {
        String warehouse = b.string("warehouse_id", false, 64);
        List<FulfillmentLine> lines = new ArrayList<>();
        List<Body> entries = b.objects("lines", true, 1, OrderFulfillment.MAX_LINES);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("line_id", "quantity", "lot_id", "serials");
                String lineId = e.string("line_id", true, 64);
                Long quantity = e.integer("quantity", true, 1, 100_000);
                String lot = e.string("lot_id", false, 64);
                List<String> serials = e.strings("serials", false, 0, OrderFulfillment.MAX_SERIALS, 128);
                if (lineId != null && quantity != null) lines.add(new FulfillmentLine(lineId, quantity, lot, serials));
            }
        }
        return new FulfillmentRequest(warehouse, lines, b.string("carrier_hint", false, 64), b.string("service_code", false, 64),
                b.string("shipment_reference", false, 128), b.string("external_reference", false, 128));
    }
}
