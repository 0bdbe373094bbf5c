package dev.oms.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
    private static ObjectNode item() {
        ObjectNode item = Json.object();
        item.put("type", "event").put("id", "evt_1").put("event_type", "picklist.completed").put("schema_version", 1)
                .put("tenant_id", "t1").put("sequence", 3).put("occurred_at", "2026-12-04T10:00:00Z")
                .put("actor_id", "u1").put("actor_type", "user");
        return item;
    }

    @Test
    void anOrderEventNamesItsOrderAndHasNoSubject() {
        ObjectNode item = item().put("order_id", "ord_1");
        JsonNode envelope = EventEnvelope.fromItem(item);
        assertEquals("ord_1", envelope.path("order_id").asText());
        assertFalse(envelope.has("subject"));
        assertTrue(EventEnvelope.isOrderEvent(item));
    }

    @Test
    void anEventOfAnotherAggregateHasANullOrderAndNamesItsSubject() {
        ObjectNode item = item().put("aggregate_type", "picklist").put("aggregate_id", "pl_9");
        JsonNode envelope = EventEnvelope.fromItem(item);
        assertTrue(envelope.get("order_id").isNull());
        assertEquals("picklist", envelope.path("subject").path("type").asText());
        assertEquals("pl_9", envelope.path("subject").path("id").asText());
        assertEquals(3L, envelope.path("sequence").asLong());
        assertFalse(EventEnvelope.isOrderEvent(item));
        assertTrue(EventEnvelope.isEventItem(item));
    }
}
