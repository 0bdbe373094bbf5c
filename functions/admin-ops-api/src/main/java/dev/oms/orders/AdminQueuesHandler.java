package dev.oms.orders;

import static dev.oms.app.security.Permission.QUEUES_WORK;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.admin.QueueClaims;
import dev.oms.app.admin.QueueClaims.Claimed;
import dev.oms.app.admin.QueueOverview;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.TaskViews;
import java.time.Duration;

/**
 * Issue 13 (seed 001 section 2), work queues: an agent claims the next item of a queue (an assignee's tasks) with a
 * lease that expires; of concurrent claims of one item exactly one wins (one conditional write). See
 * docs/admin-operations.md.
 */
public final class AdminQueuesHandler extends ApiHandler {
    static final int MIN_LEASE_SECONDS = 60, MAX_LEASE_SECONDS = 3600;

    private final AdminOpsApi p;
    private final Routes routes;

    public AdminQueuesHandler() { this(AdminOpsApi.get()); }

    AdminQueuesHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/admin/queues/{queueId}/claim", this::claim).requires(QUEUES_WORK),
                get("/v1/admin/queues", this::list).requires(QUEUES_WORK));
    }

    @Override
    public Routes routes() { return routes; }

    /** The queues with work: counts per status and SLA breaches (overdue tasks); {@code ?prefix=team:}. */
    private ApiResponse list(ApiRequest r) {
        QueueOverview.Overview o = p.queues.queues(r.command(), r.query("prefix"));
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (QueueOverview.Queue q : o.queues()) {
            data.addObject().put("queue_id", q.queueId()).put("open", q.open()).put("in_progress", q.inProgress())
                    .put("overdue", q.overdue()).put("oldest_overdue_at", Times.format(q.oldestOverdueAt()))
                    .put("next_due_at", Times.format(q.nextDueAt()));
        }
        body.put("as_of", Times.format(o.at()));
        body.put("truncated", o.truncated());
        return ApiResponse.ok(body).withHeader("cache-control", "no-store");
    }

    /** {@code {"lease_seconds"?}} (60-3600, default 900). */
    private ApiResponse claim(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("lease_seconds");
        Long seconds = b.integer("lease_seconds", false, MIN_LEASE_SECONDS, MAX_LEASE_SECONDS);
        b.check();
        Duration lease = seconds == null ? QueueClaims.DEFAULT_LEASE : Duration.ofSeconds(seconds);
        return r.execute(c -> ApiResponse.ok(view(c)), ctx -> p.claims.claim(ctx, r.pathParam("queueId"), lease));
    }

    static ObjectNode view(Claimed c) {
        ObjectNode o = Json.object();
        o.put("queue_id", c.lease().queueId());
        o.set("task", TaskViews.task(c.task()));
        ObjectNode lease = o.putObject("lease");
        lease.put("claimed_by", c.lease().claimedBy());
        lease.put("claimed_at", Times.format(c.lease().claimedAt()));
        lease.put("expires_at", Times.format(c.lease().expiresAt()));
        return o;
    }
}
