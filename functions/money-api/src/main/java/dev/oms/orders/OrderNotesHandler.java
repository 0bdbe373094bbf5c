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
import dev.oms.app.cases.OrderNotesService.NoteDraft;
import dev.oms.app.cases.OrderNotesService.NoteResult;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderNote;
import dev.oms.domain.order.OrderNotes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.NoteRequests;
import dev.oms.platform.views.NoteViews;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 section 13: notes on an order, {@code public} or {@code internal}, with attachments uploaded through
 * presigned links (the document upload rules). Customers read the public notes of their own orders; edits and
 * deletes are on the order's timeline and in the audit log.
 */
public final class OrderNotesHandler extends ApiHandler {
    private static final Set<String> VISIBILITIES = NoteRequests.VISIBILITIES;

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
        NoteDraft draft = NoteRequests.draft(b);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(NoteViews::created, ctx -> notes.add(ctx, r.pathParam("orderId"), draft));
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

    static ObjectNode noteView(Order order, OrderNote n, List<PendingAttachment> uploads) { return NoteViews.note(order, n, uploads); }
}
