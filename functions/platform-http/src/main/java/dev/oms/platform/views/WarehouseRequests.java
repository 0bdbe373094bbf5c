package dev.oms.platform.views;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.warehouse.Picklists;
import dev.oms.platform.http.Body;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bodies of seed 003's warehouse fulfilment and pick list creation, read one way for the API routes
 * ({@code POST /v1/fulfillment/fulfillments}, {@code POST /v1/fulfillment/picklists}) and for the rows of a
 * fulfilment import ({@code POST /v1/fulfillment/imports}). Each parser allows its fields, collects field errors on
 * the body and leaves {@link Body#check()} to the caller.
 */
public final class WarehouseRequests {
    private WarehouseRequests() { }

    /** A warehouse fulfilment: the order, the canonical request, the ship date asked for, the source and each line's SKU (null when not given). */
    public record Fulfilment(String orderId, FulfillmentRequest request, Instant requestedShipDate, String source, List<String> skus) {
        /** 400 {@code line.sku_mismatch} when a line names another SKU than the order line's. */
        public void checkSkus(Order order) {
            List<FulfillmentLine> lines = request.lines();
            for (int i = 0; i < lines.size(); i++) {
                String sku = skus.get(i), lineId = lines.get(i).lineId();
                if (sku != null && order.lines().stream().anyMatch(l -> l.id().equals(lineId) && !l.sku().equals(sku))) {
                    throw DomainException.invalidField("lines[" + i + "].sku", "line.sku_mismatch", "Line " + lineId + " is not SKU " + sku);
                }
            }
        }
    }

    /** {@code {"order_id", "warehouse_id", "requested_ship_date", "source", "lines": [{"order_line_id", "sku", "quantity"}], "carrier_hint", "service_code"}}. */
    public static Fulfilment fulfilment(Body b) {
        b.allow("order_id", "warehouse_id", "requested_ship_date", "source", "lines", "carrier_hint", "service_code");
        String orderId = b.string("order_id", true, 128);
        String warehouse = b.string("warehouse_id", false, 64);
        Instant shipDate = b.time("requested_ship_date", false);
        String source = b.string("source", false, 64);
        List<FulfillmentLine> lines = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Body> entries = b.objects("lines", true, 1, OrderFulfillment.MAX_LINES);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("order_line_id", "sku", "quantity");
                String line = e.string("order_line_id", true, 64);
                String sku = e.string("sku", false, 64);
                Long qty = e.integer("quantity", true, 1, 100_000);
                if (line != null && qty != null) {
                    lines.add(new FulfillmentLine(line, qty, null, List.of()));
                    skus.add(sku);
                }
            }
        }
        FulfillmentRequest req = new FulfillmentRequest(warehouse, lines, b.string("carrier_hint", false, 64), b.string("service_code", false, 64), null, null);
        return new Fulfilment(orderId, req, shipDate, source, skus);
    }

    /** A pick list: its warehouse, fulfilments (1 to 50), priority, picker group (zone) and serial-tracked SKUs. */
    public record Picklist(String warehouseId, List<String> fulfillmentIds, String priority, String zone, Set<String> serialSkus) { }

    /** {@code {"warehouse_id", "fulfillment_ids", "priority", "picker_group", "serial_tracked_skus"}}. */
    public static Picklist picklist(Body b) {
        b.allow("warehouse_id", "fulfillment_ids", "priority", "picker_group", "serial_tracked_skus");
        String wh = b.string("warehouse_id", true, 64);
        List<String> fids = b.strings("fulfillment_ids", true, 1, 50, 128);
        String priority = b.oneOf("priority", false, Picklists.PRIORITIES);
        String zone = b.string("picker_group", false, 64);
        List<String> serial = b.strings("serial_tracked_skus", false, 0, 200, 64);
        return new Picklist(wh, fids, priority, zone, serial == null ? Set.of() : new LinkedHashSet<>(serial));
    }
}
