package dev.oms.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;

/**
 * The envelope every order event travels in (EventBridge detail, webhook body): {@code id}, {@code type},
 * {@code version}, {@code tenant_id}, {@code order_id}, {@code sequence} (the order version, for ordering and
 * de-duplication), {@code occurred_at} and {@code timestamp}, {@code correlation_id}, {@code actor}, {@code reason}
 * and {@code data}. Built from the stored event item, so what consumers see is exactly what was committed.
 *
 * <p>An event of another aggregate than an order (a picklist, a manifest, a warehouse: seed 003) is stored with
 * {@code aggregate_type} and {@code aggregate_id} instead of {@code order_id}; its envelope has {@code order_id}
 * null, {@code subject} {@code {"type", "id"}} naming the aggregate, and {@code sequence} the aggregate's version.
 */
public final class EventEnvelope {
    /** The EventBridge source of order events. */
    public static final String SOURCE = "oms.orders";

    private EventEnvelope() { }

    public static boolean isEventItem(JsonNode item) { return "event".equals(item.path("type").asText()); }

    /** An event about one order (not about a picklist, manifest or warehouse). */
    public static boolean isOrderEvent(JsonNode item) { return isEventItem(item) && !item.path("order_id").asText("").isEmpty(); }

    /**
     * A made-up event for a webhook test send: the envelope of a real one, {@code "test": true}, sequence 0 and a note
     * in {@code data}.
     */
    public static ObjectNode test(String eventId, String type, String tenantId, Instant at, String actorId, String actorType) {
        ObjectNode e = Json.object();
        e.put("id", eventId);
        e.put("type", type);
        e.put("version", 1);
        e.put("test", true);
        e.put("tenant_id", tenantId);
        e.put("order_id", "ord_test");
        e.put("sequence", 0);
        e.put("occurred_at", Times.format(at));
        e.put("timestamp", Times.format(at));
        e.putNull("correlation_id");
        e.putObject("actor").put("id", actorId).put("type", actorType);
        e.putNull("reason");
        e.putObject("metadata");
        e.putObject("data").put("message", "A test message from the OMS: your endpoint and its signature check work.");
        return e;
    }

    public static ObjectNode fromItem(JsonNode item) {
        ObjectNode e = Json.object();
        e.put("id", item.path("id").asText());
        e.put("type", item.path("event_type").asText());
        e.put("version", item.path("schema_version").asInt(1));
        e.put("tenant_id", item.path("tenant_id").asText());
        String orderId = item.path("order_id").asText("");
        if (orderId.isEmpty()) {
            e.putNull("order_id");
            e.putObject("subject").put("type", item.path("aggregate_type").asText())
                    .put("id", item.path("aggregate_id").asText());
        } else {
            e.put("order_id", orderId);
        }
        e.put("sequence", item.path("sequence").asLong());
        e.put("occurred_at", item.path("occurred_at").asText());
        e.put("timestamp", item.path("occurred_at").asText());
        e.put("correlation_id", item.path("correlation_id").asText(null));
        ObjectNode actor = e.putObject("actor");
        actor.put("id", item.path("actor_id").asText());
        actor.put("type", item.path("actor_type").asText());
        e.put("reason", item.path("reason").asText(null));
        e.set("metadata", item.path("metadata").isObject() ? item.get("metadata") : Json.object());
        e.set("data", item.path("data").isObject() ? item.get("data") : Json.object());
        return e;
    }
}
