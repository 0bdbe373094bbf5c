package dev.oms.orders;

import static dev.oms.app.security.Permission.TASKS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.http.TaskRequests;
import dev.oms.platform.views.TaskViews;
import java.time.Instant;
import java.util.Set;

/**
 * Seed 000 section 13: support tasks on orders (title, description, assignee, due time, priority, status, completion
 * note) and the list of tasks across orders, by due time, from the task index.
 */
public final class OrderTasksHandler extends ApiHandler {
    static final int MAX_TITLE = TaskRequests.MAX_TITLE, MAX_DESCRIPTION = TaskRequests.MAX_DESCRIPTION, MAX_NOTE = TaskRequests.MAX_NOTE;

    private final SettingsApi p;
    private final OrderTasksService tasks;
    private final Routes routes;

    public OrderTasksHandler() { this(SettingsApi.get()); }

    OrderTasksHandler(SettingsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.tasks = p.tasks;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/tasks", this::create).requires(TASKS_MANAGE),
                patch("/v1/orders/{orderId}/tasks/{taskId}", this::update).requires(TASKS_MANAGE),
                get("/v1/orders/tasks", this::list).requires(TASKS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"title", "description"?, "assignee"?, "due_at"?, "priority"?}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("title", "description", "assignee", "due_at", "priority", "version");
        TaskDraft draft = TaskRequests.draft(b);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(t -> ApiResponse.created(TaskViews.task(t), "/v1/orders/tasks?order_id=" + t.orderId()),
                ctx -> tasks.create(ctx, r.pathParam("orderId"), draft));
    }

    /** Any of title, description, assignee (null unassigns), due_at (null clears), priority, status, completion_note. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("title", "description", "assignee", "due_at", "priority", "status", "completion_note", "version");
        String title = b.string("title", false, MAX_TITLE);
        String description = b.string("description", false, MAX_DESCRIPTION);
        String assignee = b.string("assignee", false, 128);
        boolean clearAssignee = b.node().has("assignee") && b.node().get("assignee").isNull();
        Instant due = b.time("due_at", false);
        boolean clearDue = b.node().has("due_at") && b.node().get("due_at").isNull();
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        String status = b.oneOf("status", false, Set.copyOf(OrderTask.STATUSES));
        String note = b.string("completion_note", false, MAX_NOTE);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (b.node().size() == (b.has("version") ? 1 : 0)) b.error("status", "field.required", "Send at least one field to change");
        b.check();
        return r.execute(t -> ApiResponse.ok(TaskViews.task(t)),
                ctx -> tasks.update(ctx, r.pathParam("orderId"), r.pathParam("taskId"),
                        new OrderTasks.TaskChange(title, description, assignee, clearAssignee, due, clearDue, priority, status, note)));
    }

    /** {@code ?status=open&assignee=&order_id=&due_before=}: status defaults to open. */
    private ApiResponse list(ApiRequest r) {
        TaskFilter filter = TaskRequests.filter(r);
        String fingerprint = TaskRequests.fingerprint(filter);
        return Pages.render(tasks.list(r.command(), filter, r.page(p.cursors, fingerprint)), TaskViews::task, p.cursors, fingerprint);
    }
}
