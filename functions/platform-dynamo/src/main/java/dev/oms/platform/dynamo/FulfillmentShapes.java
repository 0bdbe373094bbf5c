package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** A fulfilment's own fields in JSON: stored by {@link FulfillmentCodec} (with its task token) and shown by the views. */
public final class FulfillmentShapes {
    private FulfillmentShapes() { }

    public static ObjectNode fields(Fulfillment f) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("status", f.status().wire());
        o.put("warehouse_id", f.warehouseId());
        ArrayNode lines = o.putArray("lines");
        for (FulfillmentLine l : f.lines()) {
            ObjectNode x = lines.addObject().put("line_id", l.lineId()).put("quantity", l.quantity()).put("lot_id", l.lotId());
            ArrayNode serials = x.putArray("serials");
            l.serials().forEach(serials::add);
        }
        o.put("carrier_hint", f.carrierHint());
        o.put("service_code", f.serviceCode());
        o.put("shipment_reference", f.shipmentReference());
        o.put("external_reference", f.externalReference());
        o.put("mode", f.mode());
        o.put("estimated_delivery", Times.format(f.estimatedDelivery()));
        ArrayNode tracking = o.putArray("tracking_numbers");
        f.trackingNumbers().forEach(tracking::add);
        o.put("shipment_id", f.shipmentId());
        o.put("cancel_reason", f.cancelReason());
        o.put("created_by", f.createdBy());
        o.put("created_at", Times.format(f.createdAt()));
        o.put("updated_at", Times.format(f.updatedAt()));
        o.put("shipped_at", Times.format(f.shippedAt()));
        o.put("delivered_at", Times.format(f.deliveredAt()));
        o.put("cancelled_at", Times.format(f.cancelledAt()));
        return o;
    }

}
