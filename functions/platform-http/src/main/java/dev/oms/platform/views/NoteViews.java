package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cases.OrderNotesService;
import dev.oms.app.cases.OrderNotesService.NoteResult;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderNote;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.List;

/** The API representation of an order note (schema {@code OrderNote}), with its attachments and their upload links. */
public final class NoteViews {
    private NoteViews() { }

    /** 201 with the new note and its upload links, {@code Location} its order's notes, the order's version as ETag. */
    public static ApiResponse created(NoteResult res) {
        return ApiResponse.created(note(res.order(), res.note(), res.uploads()), "/v1/orders/" + res.order().id() + "/notes")
                .withVersion(res.order().version());
    }

    public static ObjectNode note(Order order, OrderNote n, List<PendingAttachment> uploads) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("order_id", order.id());
        o.put("type", n.visibility());
        o.put("text", n.text());
        o.put("author_id", n.authorId());
        ArrayNode attachments = o.putArray("attachments");
        for (OrderDocument d : OrderNotesService.attachments(order, n)) {
            ObjectNode a = DocumentViews.document(order, d);
            for (PendingAttachment u : uploads) {
                if (u.document().id().equals(d.id())) a.set("upload", DocumentViews.uploadLink(u.upload()));
            }
            attachments.add(a);
        }
        o.put("created_by", n.createdBy());
        o.put("created_at", Times.format(n.createdAt()));
        o.put("updated_by", n.updatedBy());
        o.put("updated_at", Times.format(n.updatedAt()));
        return o;
    }
}
