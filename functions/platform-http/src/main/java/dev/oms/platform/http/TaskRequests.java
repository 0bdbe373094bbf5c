package dev.oms.platform.http;

import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderTask;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** How a support task is read from a request: its draft fields and the task list's filter (order tasks and admin tasks). */
public final class TaskRequests {
    public static final int MAX_TITLE = 200, MAX_DESCRIPTION = 5000, MAX_NOTE = 2000;

    private TaskRequests() { }

    /** {@code title}, optional {@code description}, {@code assignee}, {@code due_at}, {@code priority}. */
    public static TaskDraft draft(Body b) {
        String title = b.string("title", true, MAX_TITLE);
        String description = b.string("description", false, MAX_DESCRIPTION);
        String assignee = b.string("assignee", false, 128);
        Instant due = b.time("due_at", false);
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        return new TaskDraft(title, description, assignee, due, priority);
    }

    /** {@code ?status=open&assignee=&order_id=&due_before=}: status defaults to open. */
    public static TaskFilter filter(ApiRequest r) {
        String status = r.query("status") == null ? OrderTask.OPEN : r.query("status");
        if (!OrderTask.STATUSES.contains(status)) {
            throw DomainException.invalidField("status", "field.not_allowed", "status must be one of " + OrderTask.STATUSES);
        }
        Instant dueBefore = null;
        if (r.query("due_before") != null) {
            try {
                dueBefore = Instant.parse(r.query("due_before"));
            } catch (DateTimeParseException e) {
                throw DomainException.invalidField("due_before", "field.format", "due_before is an RFC 3339 time");
            }
        }
        return new TaskFilter(status, r.query("assignee"), r.query("order_id"), dueBefore);
    }

    /** The cursor fingerprint of a task list: a cursor only continues the same filter. */
    public static String fingerprint(TaskFilter f) {
        return "tasks|" + f.status() + "|" + f.assignee() + "|" + f.orderId() + "|" + f.dueBefore();
    }
}
