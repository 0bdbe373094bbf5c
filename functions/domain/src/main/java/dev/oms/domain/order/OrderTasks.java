package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of an order's tasks. A task starts {@code open}; it may go to {@code in_progress} and back, and ends
 * {@code done} (with an optional completion note) or {@code cancelled}; a finished task does not change again (409
 * {@code task.invalid_transition}). At most {@link #MAX_TASKS} tasks per order. Creating and changing one are the
 * {@code order.task_created} and {@code order.task_updated} events (the changed fields, before and after).
 */
public final class OrderTasks {
    public static final int MAX_TASKS = 100;

    private OrderTasks() { }

    /** What a task update sets; null fields stay as they are ({@code clearDue} / {@code clearAssignee} unset them). */
    public record TaskChange(String title, String description, String assignee, boolean clearAssignee, Instant dueAt, boolean clearDue,
                             String priority, String status, String completionNote) { }

    public static OrderTask create(Order order, OrderTask task, Instant now) {
        checkPriority(task.priority());
        if (order.children(OrderTask.class).size() >= MAX_TASKS) {
            throw DomainException.conflict("task.too_many", "An order holds at most " + MAX_TASKS + " tasks",
                    "Finish or cancel tasks; finished tasks still count, so keep tasks to what needs doing.");
        }
        order.putChild(task);
        order.touch(now);
        order.record("order.task_created", Order.data("task_id", task.id(), "title", task.title(), "assignee", task.assignee(),
                "due_at", task.dueAt() == null ? null : task.dueAt().toString(), "priority", task.priority(), "status", task.status()));
        return task;
    }

    public static OrderTask update(Order order, String taskId, TaskChange c, String editor, Instant now) {
        OrderTask t = order.requireChild(OrderTask.class, taskId, "task.not_found");
        if (c.priority() != null) checkPriority(c.priority());
        String status = c.status() == null ? t.status() : c.status();
        if (!status.equals(t.status())) checkTransition(t.status(), status);
        else if (t.isFinished()) {
            throw DomainException.conflict("task.finished", "Task " + taskId + " is " + t.status() + " and does not change any more",
                    "Create a new task for further work.").with("task_status", t.status());
        }
        if (c.completionNote() != null && !OrderTask.DONE.equals(status)) {
            throw DomainException.invalidField("completion_note", "task.completion_note_not_allowed", "completion_note goes with status done");
        }
        String assignee = c.clearAssignee() ? null : c.assignee() == null ? t.assignee() : c.assignee();
        Instant due = c.clearDue() ? null : c.dueAt() == null ? t.dueAt() : c.dueAt();
        OrderTask next = new OrderTask(t.id(), t.orderId(), c.title() == null ? t.title() : c.title(),
                c.description() == null ? t.description() : c.description(), assignee, due,
                c.priority() == null ? t.priority() : c.priority(), status,
                c.completionNote() == null ? t.completionNote() : c.completionNote(), t.createdBy(), t.createdAt(), editor, now,
                t.isFinished() || !(OrderTask.DONE.equals(status) || OrderTask.CANCELLED.equals(status)) ? t.completedAt() : now);
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "title", t.title(), next.title());
        diff(changes, "description", t.description(), next.description());
        diff(changes, "assignee", t.assignee(), next.assignee());
        diff(changes, "due_at", t.dueAt() == null ? null : t.dueAt().toString(), next.dueAt() == null ? null : next.dueAt().toString());
        diff(changes, "priority", t.priority(), next.priority());
        diff(changes, "status", t.status(), next.status());
        diff(changes, "completion_note", t.completionNote(), next.completionNote());
        if (changes.isEmpty()) return t;
        order.putChild(next);
        order.touch(now);
        order.record("order.task_updated", Order.data("task_id", taskId, "changes", changes, "status", next.status()));
        return next;
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (Objects.equals(before, after)) return;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("from", before);
        c.put("to", after);
        changes.put(field, c);
    }

    private static void checkTransition(String from, String to) {
        boolean ok = switch (from) {
            case OrderTask.OPEN -> !to.equals(OrderTask.OPEN);
            case OrderTask.IN_PROGRESS -> !to.equals(OrderTask.IN_PROGRESS);
            default -> false;
        };
        if (!ok) {
            throw DomainException.conflict("task.invalid_transition", "A task cannot go from " + from + " to " + to,
                            "open and in_progress tasks move between each other and end done or cancelled; finished tasks stay finished.")
                    .with("from", from).with("to", to);
        }
    }

    private static void checkPriority(String priority) {
        if (!OrderTask.PRIORITIES.contains(priority)) {
            throw DomainException.invalidField("priority", "field.not_allowed", "priority must be one of " + OrderTask.PRIORITIES);
        }
    }
}
