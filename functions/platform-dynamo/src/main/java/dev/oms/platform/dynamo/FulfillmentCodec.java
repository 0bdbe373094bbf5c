package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.FulfillmentWarehouse;
import dev.oms.domain.warehouse.WarehouseStatus;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's fulfilments (lines, lots and serials embedded); addressable, so {@code /v1/admin/fulfillments/{fulfillmentId}/...} finds the order. */
final class FulfillmentCodec implements ChildCodec<Fulfillment> {
    @Override public String kind() { return "fulfillment"; }
    @Override public Class<Fulfillment> type() { return Fulfillment.class; }
    @Override public boolean addressable() { return true; }

    @Override
    public ObjectNode toItem(Fulfillment f) {
        ObjectNode o = FulfillmentShapes.fields(f);
        o.put("task_token", f.taskToken());
        if (f.warehouse() != null) o.set("warehouse", warehouse(f.warehouse()));
        return o;
    }

    @Override
    public Fulfillment fromItem(JsonNode o) {
        List<FulfillmentLine> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) {
            lines.add(new FulfillmentLine(text(l, "line_id"), l.path("quantity").asLong(), text(l, "lot_id"), strings(l.path("serials"))));
        }
        return new Fulfillment(text(o, "id"), text(o, "warehouse_id"), FulfillmentStatus.fromWire(text(o, "status")), lines,
                text(o, "carrier_hint"), text(o, "service_code"), text(o, "shipment_reference"), text(o, "external_reference"),
                text(o, "mode"), Times.parse(text(o, "estimated_delivery")), strings(o.path("tracking_numbers")), text(o, "shipment_id"),
                text(o, "task_token"), text(o, "cancel_reason"), text(o, "created_by"), Times.parse(text(o, "created_at")),
                Times.parse(text(o, "updated_at")), Times.parse(text(o, "shipped_at")), Times.parse(text(o, "delivered_at")),
                Times.parse(text(o, "cancelled_at")), warehouse(o.path("warehouse")));
    }

    /** The warehouse part (seed 003), kept on the item only: the OMS views show the canonical fulfilment. */
    private static ObjectNode warehouse(FulfillmentWarehouse w) {
        ObjectNode o = Json.object();
        o.put("status", w.status().wire());
        o.put("allocation_id", w.allocationId());
        o.put("picklist_id", w.picklistId());
        o.put("requested_ship_date", Times.format(w.requestedShipDate()));
        o.put("source", w.source());
        return o;
    }

    private static FulfillmentWarehouse warehouse(JsonNode o) {
        if (!o.isObject()) return null;
        return new FulfillmentWarehouse(WarehouseStatus.fromWire(text(o, "status")), text(o, "allocation_id"), text(o, "picklist_id"),
                Times.parse(text(o, "requested_ship_date")), text(o, "source"));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
