package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.ShipmentUpdateSubscription;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stores the customer's shipment-update channels of an order (one item per order). */
final class ShipmentUpdatesCodec implements ChildCodec<ShipmentUpdateSubscription> {
    @Override public String kind() { return "shipment_updates"; }
    @Override public Class<ShipmentUpdateSubscription> type() { return ShipmentUpdateSubscription.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(ShipmentUpdateSubscription s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        ObjectNode channels = o.putObject("channels");
        s.channels().forEach(channels::put);
        o.put("updated_at", Times.format(s.updatedAt()));
        return o;
    }

    @Override
    public ShipmentUpdateSubscription fromItem(JsonNode o) {
        Map<String, Boolean> channels = new LinkedHashMap<>();
        o.path("channels").properties().forEach(e -> channels.put(e.getKey(), e.getValue().asBoolean()));
        return new ShipmentUpdateSubscription(text(o, "id"), channels, Times.parse(text(o, "updated_at")));
    }
}
