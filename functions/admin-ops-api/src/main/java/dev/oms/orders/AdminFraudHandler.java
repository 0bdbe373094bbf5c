package dev.oms.orders;

import static dev.oms.app.security.Permission.FRAUD_MANAGE;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.domain.order.OrderTask;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.http.TaskRequests;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderViews;
import dev.oms.platform.views.TaskViews;
import java.time.Instant;
import java.util.Set;

/**
 * Issue 13 (seed 001 section 2), fraud review: flag an order (a fraud hold through the canonical hold use case),
 * unflag it (the canonical release, whose fraud rule needs {@code orders:release_fraud}) and assign its review to an
 * agent or a team (a task through the tasks use case). See docs/admin-operations.md.
 */
public final class AdminFraudHandler extends ApiHandler {
    static final int MAX_EVIDENCE = 2000;

    private final AdminOpsApi p;
    private final Routes routes;

    public AdminFraudHandler() { this(AdminOpsApi.get()); }

    AdminFraudHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/orders/{orderId}/flag-fraud", this::flag).requires(FRAUD_MANAGE).reason(),
                post("/v1/admin/orders/{orderId}/unflag", this::unflag).requires(FRAUD_MANAGE).reason(),
                post("/v1/admin/orders/{orderId}/assign-review", this::assignReview).requires(FRAUD_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"reason", "evidence"?, "assigned_to"?, "version"?}}. */
    private ApiResponse flag(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "evidence", "assigned_to", "version");
        String reason = r.requiredReason(); // checked by the reason route (3-500 characters, trimmed)
        b.string("reason", true, 500);
        String evidence = b.string("evidence", false, MAX_EVIDENCE);
        String assignedTo = b.string("assigned_to", false, 128);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> holdResponse(201, res), ctx -> p.fraud.flag(ctx, r.pathParam("orderId"), reason, evidence, assignedTo));
    }

    /** {@code {"reason", "hold_id"?, "version"?}}. */
    private ApiResponse unflag(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "hold_id", "version");
        String reason = r.requiredReason(); // checked by the reason route (3-500 characters, trimmed)
        b.string("reason", true, 500);
        String holdId = b.string("hold_id", false, 64);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> holdResponse(200, res), ctx -> p.fraud.unflag(ctx, r.pathParam("orderId"), holdId, reason));
    }

    /** {@code {"assignee", "notes"?, "due_at"?, "priority"?}}: a fraud review task for the agent or team. */
    private ApiResponse assignReview(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("assignee", "notes", "due_at", "priority");
        String assignee = b.string("assignee", true, 128);
        String notes = b.string("notes", false, TaskRequests.MAX_DESCRIPTION);
        Instant due = TaskRequests.time(b, "due_at");
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        b.check();
        return r.execute(t -> ApiResponse.created(TaskViews.task(t), "/v1/admin/tasks?order_id=" + t.orderId()),
                ctx -> p.fraud.assignReview(ctx, r.pathParam("orderId"), assignee, notes, due, priority));
    }

    private static ApiResponse holdResponse(int status, HoldResult res) {
        ObjectNode o = Json.object();
        o.set("hold", OrderViews.hold(res.hold()));
        o.set("order", OrderViews.order(res.order()));
        return ApiResponse.json(status, o).withVersion(res.order().version());
    }
}
