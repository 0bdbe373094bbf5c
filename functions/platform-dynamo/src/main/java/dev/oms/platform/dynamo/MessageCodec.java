package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderMessage;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores the messages of an order's conversation with support (one item each, in the order's item collection). */
final class MessageCodec implements ChildCodec<OrderMessage> {
    @Override public String kind() { return "message"; }
    @Override public Class<OrderMessage> type() { return OrderMessage.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(OrderMessage m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("author", m.author());
        o.put("author_id", m.authorId());
        o.put("text", m.text());
        o.set("attachment_ids", Json.valueToTree(m.attachmentIds()));
        o.put("created_at", Times.format(m.createdAt()));
        return o;
    }

    @Override
    public OrderMessage fromItem(JsonNode o) {
        List<String> attachments = new ArrayList<>();
        o.path("attachment_ids").forEach(a -> attachments.add(a.asText()));
        return new OrderMessage(text(o, "id"), text(o, "author"), text(o, "author_id"), text(o, "text"), attachments,
                Times.parse(text(o, "created_at")));
    }
}
