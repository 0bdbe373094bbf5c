package dev.oms.orders;

import static dev.oms.app.security.Permission.TASKS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Seed 000 section 13: support tasks on orders (title, description, assignee, due time, priority, status, completion
 * note) and the list of tasks across orders, by due time, from the task index.
 */
public final class OrderTasksHandler extends ApiHandler {
    static final int MAX_TITLE = 200, MAX_DESCRIPTION = 5000, MAX_NOTE = 2000;

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
        String title = b.string("title", true, MAX_TITLE);
        String description = b.string("description", false, MAX_DESCRIPTION);
        String assignee = b.string("assignee", false, 128);
        Instant due = time(b, "due_at");
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(t -> ApiResponse.created(taskView(t), "/v1/orders/tasks?order_id=" + t.orderId()),
                ctx -> tasks.create(ctx, r.pathParam("orderId"), new TaskDraft(title, description, assignee, due, priority)));
    }

    /** Any of title, description, assignee (null unassigns), due_at (null clears), priority, status, completion_note. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("title", "description", "assignee", "due_at", "priority", "status", "completion_note", "version");
        String title = b.string("title", false, MAX_TITLE);
        String description = b.string("description", false, MAX_DESCRIPTION);
        String assignee = b.string("assignee", false, 128);
        boolean clearAssignee = b.node().has("assignee") && b.node().get("assignee").isNull();
        Instant due = time(b, "due_at");
        boolean clearDue = b.node().has("due_at") && b.node().get("due_at").isNull();
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        String status = b.oneOf("status", false, Set.copyOf(OrderTask.STATUSES));
        String note = b.string("completion_note", false, MAX_NOTE);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (b.node().size() == (b.has("version") ? 1 : 0)) b.error("status", "field.required", "Send at least one field to change");
        b.check();
        return r.execute(t -> ApiResponse.ok(taskView(t)),
                ctx -> tasks.update(ctx, r.pathParam("orderId"), r.pathParam("taskId"),
                        new OrderTasks.TaskChange(title, description, assignee, clearAssignee, due, clearDue, priority, status, note)));
    }

    /** {@code ?status=open&assignee=&order_id=&due_before=}: status defaults to open. */
    private ApiResponse list(ApiRequest r) {
        String status = r.query("status") == null ? OrderTask.OPEN : r.query("status");
        if (!OrderTask.STATUSES.contains(status)) {
            throw DomainException.invalidField("status", "field.not_allowed", "status must be one of " + OrderTask.STATUSES);
        }
        String assignee = r.query("assignee");
        String orderId = r.query("order_id");
        Instant dueBefore = null;
        if (r.query("due_before") != null) {
            try {
                dueBefore = Instant.parse(r.query("due_before"));
            } catch (DateTimeParseException e) {
                throw DomainException.invalidField("due_before", "field.format", "due_before is an RFC 3339 time");
            }
        }
        TaskFilter filter = new TaskFilter(status, assignee, orderId, dueBefore);
        String fingerprint = "tasks|" + status + "|" + assignee + "|" + orderId + "|" + dueBefore;
        return Pages.render(tasks.list(r.command(), filter, r.page(p.cursors, fingerprint)), OrderTasksHandler::taskView, p.cursors, fingerprint);
    }

    private static Instant time(Body b, String field) {
        String s = b.string(field, false, 40);
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            b.error(field, "field.format", field + " is an RFC 3339 time");
            return null;
        }
    }

    static ObjectNode taskView(OrderTask t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("order_id", t.orderId());
        o.put("title", t.title());
        o.put("description", t.description());
        o.put("assignee", t.assignee());
        o.put("due_at", Times.format(t.dueAt()));
        o.put("priority", t.priority());
        o.put("status", t.status());
        o.put("completion_note", t.completionNote());
        o.put("created_by", t.createdBy());
        o.put("created_at", Times.format(t.createdAt()));
        o.put("updated_by", t.updatedBy());
        o.put("updated_at", Times.format(t.updatedAt()));
        o.put("completed_at", Times.format(t.completedAt()));
        return o;
    }
}
