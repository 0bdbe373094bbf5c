package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderEventPayloads;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's event items read back as the envelopes consumers received ({@link EventEnvelope#fromItem}), oldest first:
 * one consistent Query of the order's partition ({@code SK begins_with E#}), page by page up to the limit.
 */
public final class DynamoOrderEventPayloads implements OrderEventPayloads {
    private final SingleTable table;

    public DynamoOrderEventPayloads(SingleTable table) { this.table = table; }

    @Override
    public List<EventPayload> replayOf(String tenantId, String orderId, int max, String replayId) {
        String pk = Keys.order(tenantId, orderId);
        TableQuery q = TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(pk, Keys.EVENT_SK_PREFIX)).consistentRead(true).build();
        List<EventPayload> out = new ArrayList<>();
        for (ObjectNode item : table.query(q).items()) {
            ObjectNode envelope = EventEnvelope.fromItem(item);
            ObjectNode metadata = envelope.path("metadata").isObject() ? ((ObjectNode) envelope.get("metadata")).deepCopy() : Json.object();
            metadata.put("oms_replay_id", replayId);
            envelope.set("metadata", metadata);
            out.add(new EventPayload(envelope.path("id").asText(), envelope.path("type").asText(),
                    Times.parse(envelope.path("occurred_at").asText()), Json.write(envelope)));
            if (out.size() >= max) return out;
        }
        return out;
    }
}
