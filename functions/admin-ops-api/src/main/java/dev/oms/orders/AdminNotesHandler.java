package dev.oms.orders;

import static dev.oms.app.security.Permission.NOTES_WRITE;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.cases.OrderNotesService.NoteDraft;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.NoteRequests;
import dev.oms.platform.views.NoteViews;

/**
 * Seed 001 section 2, "Support": {@code POST /v1/admin/orders/{orderId}/notes}, an agent's {@code internal} or
 * {@code public} note with attachments, through the canonical notes use case of {@code POST /v1/orders/{orderId}/notes}
 * (the same body, rules, events and upload links). docs/admin-operations.md.
 */
public final class AdminNotesHandler extends ApiHandler {
    private final AdminOpsApi p;
    private final Routes routes;

    public AdminNotesHandler() { this(AdminOpsApi.get()); }

    AdminNotesHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/admin/orders/{orderId}/notes", this::add).requires(NOTES_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse add(ApiRequest r) {
        Body b = Body.parse(r.body());
        NoteDraft draft = NoteRequests.draft(b);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(NoteViews::created, ctx -> p.notes.add(ctx, r.pathParam("orderId"), draft));
    }
}
