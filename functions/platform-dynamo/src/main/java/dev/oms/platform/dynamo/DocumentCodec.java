package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderDocument;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** Stores an order's document records (the files themselves are in S3). */
final class DocumentCodec implements ChildCodec<OrderDocument> {
    @Override public String kind() { return "document"; }
    @Override public Class<OrderDocument> type() { return OrderDocument.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(OrderDocument d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("document_type", d.type());
        o.put("file_name", d.fileName());
        o.put("content_type", d.contentType());
        if (d.sizeBytes() != null) o.put("size_bytes", d.sizeBytes());
        o.put("storage_key", d.storageKey());
        o.put("status", d.status());
        o.put("related_id", d.relatedId());
        o.put("created_by", d.createdBy());
        o.put("created_at", Times.format(d.createdAt()));
        return o;
    }

    @Override
    public OrderDocument fromItem(JsonNode o) {
        return new OrderDocument(text(o, "id"), text(o, "document_type"), text(o, "file_name"), text(o, "content_type"),
                o.hasNonNull("size_bytes") ? o.get("size_bytes").asLong() : null, text(o, "storage_key"), text(o, "status"),
                text(o, "related_id"), text(o, "created_by"), Times.parse(text(o, "created_at")));
    }
}
