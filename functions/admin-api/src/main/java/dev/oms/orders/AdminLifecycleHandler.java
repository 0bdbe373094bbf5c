package dev.oms.orders;

import static dev.oms.app.security.Permission.LEGAL_HOLD_MANAGE;
import static dev.oms.app.security.Permission.ORDERS_CANCEL;
import static dev.oms.app.security.Permission.ORDERS_CLOSE;
import static dev.oms.app.security.Permission.ORDERS_CONFIRM;
import static dev.oms.app.security.Permission.ORDERS_FORCE_CANCEL;
import static dev.oms.app.security.Permission.ORDERS_HOLD;
import static dev.oms.app.security.Permission.ORDERS_RELEASE;
import static dev.oms.app.security.Permission.ORDERS_REOPEN;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CancellationService.Requested;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.platform.dynamo.CancellationShapes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderViews;
import java.util.Set;

/**
 * Seed 001 section 2, "Actions": the admin's controlled state changes, each through the canonical use case of
 * {@code /v1/orders} (the same rules, events and audit): hold, release, confirm, close, reopen, force-cancel (sudo and
 * a reason; the cancel-order saga), approve or reject a customer's pending cancel request, and the legal hold (set;
 * removal needs sudo). docs/admin-api.md.
 */
public final class AdminLifecycleHandler extends ApiHandler {
    private static final String ORDER = "/v1/admin/orders/{orderId}";
    private final AdminApi p;
    private final Routes routes;

    public AdminLifecycleHandler() { this(AdminApi.get()); }

    AdminLifecycleHandler(AdminApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(ORDER + "/hold", this::hold).requires(ORDERS_HOLD).reason(),
                post(ORDER + "/release", this::release).requires(ORDERS_RELEASE),
                post(ORDER + "/confirm", this::confirm).requires(ORDERS_CONFIRM),
                post(ORDER + "/close", this::close).requires(ORDERS_CLOSE),
                post(ORDER + "/reopen", this::reopen).requires(ORDERS_REOPEN).reason(),
                post(ORDER + "/force-cancel", this::forceCancel).requires(ORDERS_FORCE_CANCEL).sudo().reason(),
                post(ORDER + "/approve-cancel", this::approveCancel).requires(ORDERS_CANCEL),
                post(ORDER + "/reject-cancel", this::rejectCancel).requires(ORDERS_CANCEL).reason(),
                post(ORDER + "/legal-hold", this::legalHold).requires(LEGAL_HOLD_MANAGE).reason());
    }

    @Override
    public Routes routes() { return routes; }

    /** Longest hold duration: 30 days. */
    static final long MAX_HOLD_SECONDS = 30L * 86400;

    /**
     * {@code {"reason", "type", "assigned_to", "note", "expires_in_seconds", "version"}}: with {@code expires_in_seconds}
     * (60 to 30 days; not for {@code fraud} holds, which an analyst releases) the hold is released by the scheduled
     * sweeper when its time is up (a deadline of kind {@code hold_expiry:<hold id>}).
     */
    private ApiResponse hold(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "type", "assigned_to", "note", "expires_in_seconds", "version");
        String type = b.oneOf("type", false, Hold.TYPES);
        String assignedTo = b.string("assigned_to", false, 128);
        String note = b.string("note", false, 2000);
        Long seconds = b.integer("expires_in_seconds", false, 60, MAX_HOLD_SECONDS);
        if (seconds != null && "fraud".equals(type)) b.error("expires_in_seconds", "hold.duration_not_allowed", "A fraud hold is released by an analyst, not by time");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        java.time.Instant expiresAt = seconds == null ? null : p.clock.instant().plusSeconds(seconds);
        return r.execute(res -> holdResponse(201, res), ctx -> {
            var res = p.orders.hold(ctx, r.pathParam("orderId"), type == null ? "manual_review" : type, ctx.reason(), assignedTo, note, expiresAt, false);
            if (expiresAt != null) {
                p.deadlines.set(new dev.oms.app.port.Deadlines.Deadline(ctx.tenantId(), res.order().id(), Hold.EXPIRY_KIND + res.hold().id(), expiresAt, null));
            }
            return res;
        });
    }

    private ApiResponse release(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("hold_id", "resolution", "version");
        String holdId = b.string("hold_id", false, 64);
        String resolution = b.string("resolution", false, 2000);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> holdResponse(200, res), ctx -> p.orders.release(ctx.withReason(resolution), r.pathParam("orderId"), holdId, resolution));
    }

    private ApiResponse confirm(ApiRequest r) {
        versionOnly(r, Body.parseOptional(r.body()));
        return r.execute(AdminLifecycleHandler::ok, ctx -> p.orders.confirm(ctx, r.pathParam("orderId")));
    }

    private ApiResponse close(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(AdminLifecycleHandler::ok, ctx -> p.orders.close(ctx.withReason(reason == null ? null : reason.trim()), r.pathParam("orderId")));
    }

    private ApiResponse reopen(ApiRequest r) {
        reasonAndVersion(r);
        return r.execute(AdminLifecycleHandler::ok, ctx -> p.orders.reopen(ctx, r.pathParam("orderId")));
    }

    /** {@code {"refund": true, "restock": false, "reason": "..."}}: the cancel-order saga, whatever the customer-facing policy window. */
    private ApiResponse forceCancel(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "refund", "restock", "version");
        Boolean refund = b.bool("refund", true);
        Boolean restock = b.bool("restock", true);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(AdminLifecycleHandler::accepted, ctx -> p.cancellations.forceCancel(ctx, r.pathParam("orderId"), refund, restock));
    }

    private ApiResponse approveCancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason", "refund", "restock", "version");
        String reason = b.string("reason", false, 500);
        Boolean refund = b.bool("refund", false);
        Boolean restock = b.bool("restock", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(AdminLifecycleHandler::accepted, ctx -> p.cancelRequests.approve(
                ctx.withReason(reason == null ? "Customer cancellation request approved" : reason.trim()), r.pathParam("orderId"),
                refund == null || refund, restock != null && restock));
    }

    private ApiResponse rejectCancel(ApiRequest r) {
        reasonAndVersion(r);
        return r.execute(AdminLifecycleHandler::ok, ctx -> p.cancelRequests.reject(ctx, r.pathParam("orderId")));
    }

    /** {@code {"action": "set"|"remove", "reason": "..."}}; removing needs a live sudo token too. */
    private ApiResponse legalHold(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("action", "reason", "version");
        String action = b.oneOf("action", true, Set.of("set", "remove"));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        if ("remove".equals(action)) {
            r.requireSudo();
            return r.execute(AdminLifecycleHandler::ok, ctx -> p.orders.releaseLegalHold(ctx, r.pathParam("orderId"), ctx.reason()));
        }
        return r.execute(AdminLifecycleHandler::ok, ctx -> p.orders.placeLegalHold(ctx, r.pathParam("orderId"), ctx.reason()));
    }

    private static void reasonAndVersion(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
    }

    private static void versionOnly(ApiRequest r, Body b) {
        b.allow("version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
    }

    static ApiResponse ok(Order o) { return ApiResponse.ok(OrderViews.order(o)).withVersion(o.version()); }

    private static ApiResponse holdResponse(int status, HoldResult res) {
        ObjectNode o = Json.object();
        o.set("hold", OrderViews.hold(res.hold()));
        o.set("order", OrderViews.order(res.order()));
        return ApiResponse.json(status, o).withVersion(res.order().version());
    }

    private static ApiResponse accepted(Requested res) {
        ObjectNode o = Json.object();
        o.set("cancellation", CancellationShapes.toJson(res.cancellation()));
        o.set("order", OrderViews.order(res.order()));
        String follow = "/v1/orders/" + res.order().id() + "/cancellations/" + res.cancellation().id();
        o.putObject("links").put("cancellation", follow).put("order", "/v1/orders/" + res.order().id());
        return ApiResponse.accepted(o).withHeader("location", follow).withVersion(res.order().version());
    }
}
