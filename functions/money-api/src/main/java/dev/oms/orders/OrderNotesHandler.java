package dev.oms.orders;

import static dev.oms.app.security.Permission.NOTES_WRITE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cases.OrderNotesService;
import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.NoteDraft;
import dev.oms.app.cases.OrderNotesService.NoteResult;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderNote;
import dev.oms.domain.order.OrderNotes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.DocumentViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 section 13: notes on an order, {@code public} or {@code internal}, with attachments uploaded through
 * presigned links (the document upload rules). Customers read the public notes of their own orders; edits and
 * deletes are on the order's timeline and in the audit log.
 */
public final class OrderNotesHandler extends ApiHandler {
    private static final Set<String> VISIBILITIES = Set.of(OrderNote.PUBLIC, OrderNote.INTERNAL);

    private final OrderNotesService notes;
    private final Routes routes;

    public OrderNotesHandler() { this(NotesApi.get()); }

    OrderNotesHandler(NotesApi p) {
        super(p.idempotency, p.clock);
        this.notes = p.notes;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/notes", this::add).requires(NOTES_WRITE),
                get("/v1/orders/{orderId}/notes", this::list).requires(ORDERS_READ),
                patch("/v1/orders/{orderId}/notes/{noteId}", this::edit).requires(NOTES_WRITE),
                delete("/v1/orders/{orderId}/notes/{noteId}", this::remove).requires(NOTES_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"text", "type": "public"|"internal", "author_id"?, "attachments"?: [{"file_name", "content_type", "size_bytes"}]}}. */
    private ApiResponse add(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("text", "type", "author_id", "attachments", "version");
        String text = b.string("text", true, OrderNotes.MAX_TEXT);
        String type = b.oneOf("type", true, VISIBILITIES);
        String author = b.string("author_id", false, 128);
        List<AttachmentSpec> attachments = new ArrayList<>();
        List<Body> entries = b.objects("attachments", false, 0, OrderNotes.MAX_ATTACHMENTS);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("file_name", "content_type", "size_bytes");
                String name = e.string("file_name", true, 200);
                String contentType = e.string("content_type", true, 100);
                Long size = e.integer("size_bytes", true, 0, Long.MAX_VALUE);
                if (name != null && contentType != null && size != null) attachments.add(new AttachmentSpec(name, contentType, size));
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> ApiResponse.created(noteView(res.order(), res.note(), res.uploads()),
                        "/v1/orders/" + res.order().id() + "/notes").withVersion(res.order().version()),
                ctx -> notes.add(ctx, r.pathParam("orderId"), new NoteDraft(text, type, author, attachments)));
    }

    private ApiResponse list(ApiRequest r) {
        var ctx = r.command();
        Order order = notes.read(ctx, r.pathParam("orderId"));
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        for (OrderNote n : notes.visible(ctx, order)) data.add(noteView(order, n, List.of()));
        page.putNull("next_cursor");
        page.put("has_more", false);
        return ApiResponse.ok(page).withVersion(order.version());
    }

    /** {@code {"text"?, "type"?, "version"?}}: at least one of text and type. */
    private ApiResponse edit(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("text", "type", "version", "reason");
        String text = b.string("text", false, OrderNotes.MAX_TEXT);
        String type = b.oneOf("type", false, VISIBILITIES);
        String reason = b.string("reason", false, 500);
        if (!b.has("text") && !b.has("type")) b.error("text", "field.required", "Send text, type or both");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute((NoteResult res) -> ApiResponse.ok(noteView(res.order(), res.note(), List.of())).withVersion(res.order().version()),
                ctx -> notes.edit(ctx.withReason(reason), r.pathParam("orderId"), r.pathParam("noteId"), text, type));
    }

    private ApiResponse remove(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute((OrderNote gone) -> ApiResponse.noContent(), ctx -> notes.delete(ctx, r.pathParam("orderId"), r.pathParam("noteId")));
    }

    static ObjectNode noteView(Order order, OrderNote n, List<PendingAttachment> uploads) {
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
