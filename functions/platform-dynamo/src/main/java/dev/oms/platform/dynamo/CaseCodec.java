package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderCase;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's support cases (one item each, in the order's item collection). */
final class CaseCodec implements ChildCodec<OrderCase> {
    @Override public String kind() { return "case"; }
    @Override public Class<OrderCase> type() { return OrderCase.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(OrderCase c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("subject", c.subject());
        o.put("description", c.description());
        o.put("category", c.category());
        o.put("priority", c.priority());
        o.put("status", c.status());
        o.put("assignee", c.assignee());
        o.set("message_ids", Json.valueToTree(c.messageIds()));
        o.set("attachment_ids", Json.valueToTree(c.attachmentIds()));
        o.put("created_by", c.createdBy());
        o.put("created_at", Times.format(c.createdAt()));
        if (c.resolvedAt() != null) {
            o.put("resolution", c.resolution());
            o.put("resolved_by", c.resolvedBy());
            o.put("resolved_at", Times.format(c.resolvedAt()));
        }
        return o;
    }

    @Override
    public OrderCase fromItem(JsonNode o) {
        return new OrderCase(text(o, "id"), text(o, "subject"), text(o, "description"), text(o, "category"), text(o, "priority"),
                text(o, "status"), text(o, "assignee"), strings(o.path("message_ids")), strings(o.path("attachment_ids")),
                text(o, "created_by"), Times.parse(text(o, "created_at")), text(o, "resolution"), text(o, "resolved_by"),
                Times.parse(text(o, "resolved_at")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }
}
