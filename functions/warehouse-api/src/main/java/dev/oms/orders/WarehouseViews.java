package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentWarehouse;
import dev.oms.domain.order.Order;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** JSON of the warehouse's resources: a fulfilment as seed 003 shows it (its warehouse status), its timeline entries. */
final class WarehouseViews {
    private WarehouseViews() { }

    static ObjectNode fulfilment(Order order, Fulfillment f) {
        FulfillmentWarehouse w = f.warehouseView();
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("order_id", order.id());
        o.put("warehouse_id", f.warehouseId());
        o.put("status", w.status().wire());
        o.put("fulfillment_status", f.status().wire());
        ArrayNode lines = o.putArray("lines");
        for (FulfillmentLine l : f.lines()) {
            ObjectNode x = lines.addObject().put("order_line_id", l.lineId()).put("sku", order.line(l.lineId()).sku()).put("quantity", l.quantity())
                    .put("lot_id", l.lotId());
            l.serials().forEach(x.putArray("serials")::add);
            if (l.serials().isEmpty()) x.putArray("serials");
        }
        o.put("allocation_id", w.allocationId());
        o.put("picklist_id", w.picklistId());
        o.put("shipment_id", f.shipmentId());
        f.trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
        if (f.trackingNumbers().isEmpty()) o.putArray("tracking_numbers");
        o.put("requested_ship_date", Times.format(w.requestedShipDate()));
        o.put("source", w.source());
        o.put("carrier_hint", f.carrierHint());
        o.put("service_code", f.serviceCode());
        o.put("cancel_reason", f.cancelReason());
        o.put("created_by", f.createdBy());
        o.put("created_at", Times.format(f.createdAt()));
        o.put("updated_at", Times.format(f.updatedAt()));
        o.put("order_version", order.version());
        return o;
    }

    /** One timeline entry: what happened, who did it and the correlation id of the physical action. */
    static ObjectNode timelineEntry(StoredEvent e) {
        ObjectNode o = Json.object();
        o.put("event_id", e.id());
        o.put("type", e.type());
        o.put("occurred_at", Times.format(e.occurredAt()));
        o.putObject("actor").put("id", e.actor().id()).put("type", e.actor().type());
        o.put("correlation_id", e.correlationId());
        o.put("reason", e.reason());
        o.set("data", Json.valueToTree(e.data()));
        return o;
    }
}
