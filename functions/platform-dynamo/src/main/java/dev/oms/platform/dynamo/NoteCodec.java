package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderNote;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's notes (a deleted one as a tombstone without its text). */
final class NoteCodec implements ChildCodec<OrderNote> {
    @Override public String kind() { return "note"; }
    @Override public Class<OrderNote> type() { return OrderNote.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(OrderNote n) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("visibility", n.visibility());
        o.put("text", n.text());
        o.put("author_id", n.authorId());
        o.set("attachment_ids", Json.valueToTree(n.attachmentIds()));
        o.put("created_by", n.createdBy());
        o.put("created_at", Times.format(n.createdAt()));
        o.put("updated_by", n.updatedBy());
        o.put("updated_at", Times.format(n.updatedAt()));
        o.put("deleted_at", Times.format(n.deletedAt()));
        return o;
    }

    @Override
    public OrderNote fromItem(JsonNode o) {
        List<String> attachments = new ArrayList<>();
        o.path("attachment_ids").forEach(a -> attachments.add(a.asText()));
        return new OrderNote(text(o, "id"), text(o, "visibility"), text(o, "text"), text(o, "author_id"), attachments,
                text(o, "created_by"), Times.parse(text(o, "created_at")), text(o, "updated_by"), Times.parse(text(o, "updated_at")),
                Times.parse(text(o, "deleted_at")));
    }
}
