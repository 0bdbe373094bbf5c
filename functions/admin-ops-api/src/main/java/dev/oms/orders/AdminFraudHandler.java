package dev.oms.orders;

import static dev.oms.app.security.Permission.FRAUD_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.app.admin.FraudReview;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.Pages;
import dev.oms.platform.json.Times;
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
                post("/v1/admin/orders/{orderId}/assign-review", this::assignReview).requires(FRAUD_MANAGE),
                get("/v1/admin/orders/fraud", this::queue).requires(FRAUD_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /** The fraud queue: {@code ?min_score=&max_score=&rule=&assigned_to=&limit=&cursor=} (bounds checked by the contract). */
    private ApiResponse queue(ApiRequest r) {
        Integer min = score(r, "min_score");
        Integer max = score(r, "max_score");
        if (min != null && max != null && min > max) {
            throw DomainException.invalidField("min_score", "field.out_of_range", "min_score must not be above max_score");
        }
        FraudReview.QueueFilter filter = new FraudReview.QueueFilter(min, max, r.query("rule"), r.query("assigned_to"));
        return Pages.render(p.fraud.flagged(r.command(), filter, r.page(p.cursors, filter.fingerprint())),
                AdminFraudHandler::queueItem, p.cursors, filter.fingerprint());
    }

    private static Integer score(ApiRequest r, String name) {
        String v = r.query(name);
        return v == null ? null : Integer.valueOf(v); // an integer 0-100: the contract checked it
    }

    /** One flagged order: its summary, the screening's score and rules, and its open fraud holds. */
    static ObjectNode queueItem(Order o) {
        ObjectNode item = Json.object();
        var s = o.state();
        item.put("order_id", s.id);
        item.put("order_number", s.number);
        item.put("status", s.status.wire());
        item.put("customer_id", s.customerId);
        item.put("channel", s.channel);
        item.put("currency", s.currency);
        item.put("total", o.totals().total());
        item.put("created_at", Times.format(s.createdAt));
        if (o.fraudScore() == null) item.putNull("fraud_score"); else item.put("fraud_score", o.fraudScore());
        o.fraudRules().forEach(item.putArray("fraud_rules")::add);
        ArrayNode holds = item.putArray("fraud_holds");
        o.holds().stream().filter(h -> FraudReview.FRAUD.equals(h.type())).forEach(h -> holds.add(OrderViews.hold(h)));
        return item;
    }

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
        Instant due = b.time("due_at", false);
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
