package dev.oms.orders;

import static dev.oms.app.security.Permission.QUEUES_WORK;
import static dev.oms.app.security.Permission.TASKS_MANAGE;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.QueueLeases.Lease;
import dev.oms.app.warehouseops.WarehouseTasks;
import dev.oms.app.warehouseops.WarehouseTasks.ListFilter;
import dev.oms.app.warehouseops.WarehouseTasks.QueueDepth;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.warehouse.ops.WarehouseQueue;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.http.TaskRequests;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.TaskViews;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Seed 003 section 9: warehouse tasks and queues on the order tasks machinery ({@link WarehouseTasks}): tasks listed
 * by type, zone, status and priority; created on an order (a manual override); claimed with a lease that expires (of
 * concurrent claims exactly one wins); completed with a result by their claimer; the queues with their depths and the
 * age of their oldest open task.
 */
public final class WarehouseTasksHandler extends ApiHandler {
    static final int MIN_LEASE_SECONDS = 60, MAX_LEASE_SECONDS = 3600;

    private final WarehouseOpsApi p;
    private final Routes routes;

    public WarehouseTasksHandler() { this(WarehouseOpsApi.get()); }

    WarehouseTasksHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/tasks", this::list).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/tasks", this::create).requires(TASKS_MANAGE),
                post("/v1/fulfillment/tasks/{taskId}/claim", this::claim).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/tasks/{taskId}/complete", this::complete).requires(WAREHOUSE_READ),
                get("/v1/fulfillment/queues", this::queues).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code ?status=open&type=&zone=&priority=}. */
    private ApiResponse list(ApiRequest r) {
        String status = r.query("status");
        if (status != null && !OrderTask.STATUSES.contains(status)) {
            throw DomainException.invalidField("status", "field.not_allowed", "status must be one of " + OrderTask.STATUSES);
        }
        String type = r.query("type"), zone = r.query("zone"), priority = r.query("priority");
        if (type != null || zone != null) new WarehouseQueue(type == null ? "manual" : type, zone); // checks both
        if (priority != null && !OrderTask.PRIORITIES.contains(priority)) {
            throw DomainException.invalidField("priority", "field.not_allowed", "priority must be one of " + OrderTask.PRIORITIES);
        }
        ListFilter filter = new ListFilter(status, type, zone, priority);
        String fingerprint = "fulfillment-tasks|" + status + "|" + type + "|" + zone + "|" + priority;
        return Pages.render(p.tasks.list(r.command(), filter, r.page(p.cursors, fingerprint)), t -> view(t.task(), t.lease()), p.cursors, fingerprint);
    }

    /** {@code {"order_id", "type", "zone"?, "title"?, "description"?, "priority"?, "due_at"?}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "type", "zone", "title", "description", "priority", "due_at");
        String orderId = b.string("order_id", true, 128);
        String type = b.oneOf("type", true, Set.copyOf(WarehouseQueue.TYPES));
        String zone = b.string("zone", false, 32);
        String title = b.string("title", false, TaskRequests.MAX_TITLE);
        String description = b.string("description", false, TaskRequests.MAX_DESCRIPTION);
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        Instant due = b.time("due_at", false);
        b.check();
        WarehouseQueue queue = new WarehouseQueue(type, zone);
        return r.execute(t -> ApiResponse.created(view(t, null), "/v1/fulfillment/tasks?type=" + type),
                ctx -> p.tasks.create(ctx, orderId, queue, title, description, priority, due));
    }

    /** {@code {"lease_seconds"?}} (60-3600, default 900). */
    private ApiResponse claim(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("lease_seconds");
        Long seconds = b.integer("lease_seconds", false, MIN_LEASE_SECONDS, MAX_LEASE_SECONDS);
        b.check();
        Duration lease = seconds == null ? WarehouseTasks.DEFAULT_LEASE : Duration.ofSeconds(seconds);
        return r.execute(t -> ApiResponse.ok(view(t.task(), t.lease())), ctx -> p.tasks.claim(ctx, r.pathParam("taskId"), lease));
    }

    /** {@code {"result"?}}: what was done (kept as the task's completion note). */
    private ApiResponse complete(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("result");
        String result = b.string("result", false, TaskRequests.MAX_NOTE);
        b.check();
        return r.execute(t -> ApiResponse.ok(view(t, null)), ctx -> p.tasks.complete(ctx, r.pathParam("taskId"), result));
    }

    private ApiResponse queues(ApiRequest r) {
        WarehouseTasks.Depths depths = p.tasks.depths(r.command());
        Instant now = p.clock.instant();
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (QueueDepth d : depths.queues()) {
            ObjectNode o = data.addObject();
            o.put("queue", d.queue().assignee());
            o.put("type", d.queue().type());
            o.put("zone", d.queue().zone());
            o.put("open_count", d.open());
            o.put("in_progress_count", d.inProgress());
            o.put("oldest_open_at", Times.format(d.oldestOpenAt()));
            if (d.oldestOpenAt() == null) o.putNull("oldest_open_age_seconds");
            else o.put("oldest_open_age_seconds", Math.max(0, Duration.between(d.oldestOpenAt(), now).getSeconds()));
        }
        body.put("complete", depths.complete());
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }

    /** The order task's view with its queue, type and zone, and its claim (null when none is on record). */
    static ObjectNode view(OrderTask t, Lease lease) {
        ObjectNode o = TaskViews.task(t);
        WarehouseQueue q = WarehouseQueue.of(t.assignee()).orElseThrow();
        o.put("queue", q.assignee());
        o.put("type", q.type());
        o.put("zone", q.zone());
        if (lease == null) o.putNull("claim");
        else o.putObject("claim").put("claimed_by", lease.claimedBy()).put("claimed_at", Times.format(lease.claimedAt()))
                .put("expires_at", Times.format(lease.expiresAt()));
        return o;
    }
}
