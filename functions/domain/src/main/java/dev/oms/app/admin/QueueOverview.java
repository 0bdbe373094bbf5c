package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.order.OrderTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin work queues at a glance (issue 13): a queue is an assignee's tasks (an agent or a team such as
 * {@code team:support}; the queue {@code POST /v1/admin/queues/{queueId}/claim} takes from). For each queue: its
 * {@code open} and {@code in_progress} tasks, how many are past their due time (the SLA of a task is its
 * {@code due_at}), the oldest overdue and the next due time. Read from the task index by status, soonest due first
 * (never a Scan), at most {@value #MAX_TASKS} tasks per status; {@code truncated} says when there were more.
 */
public final class QueueOverview {
    public static final int MAX_TASKS = 2000;
    private static final int PAGE = 200;

    private final OrderTasksService tasks;
    private final Clock clock;

    public QueueOverview(OrderTasksService tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    /** One queue: counts per status, overdue tasks (open or in progress), the oldest overdue and the next due time. */
    public record Queue(String queueId, int open, int inProgress, int overdue, Instant oldestOverdueAt, Instant nextDueAt) { }

    public record Overview(List<Queue> queues, Instant at, boolean truncated) { }

    /** Every queue with work, or those whose id starts with {@code prefix} (e.g. {@code team:}). */
    public Overview queues(CommandContext ctx, String prefix) {
        Instant now = clock.instant();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Instant[]> times = new TreeMap<>();
        boolean truncated = false;
        for (String status : List.of(OrderTask.OPEN, OrderTask.IN_PROGRESS)) {
            List<OrderTask> all = new ArrayList<>();
            String position = null;
            do {
                Page<OrderTask> page = tasks.list(ctx, new TaskFilter(status, null, null, null), new PageRequest(position, PAGE));
                all.addAll(page.items());
                position = page.nextPosition();
            } while (position != null && all.size() < MAX_TASKS);
            if (position != null) truncated = true;
            for (OrderTask t : all) {
                if (t.assignee() == null || (prefix != null && !t.assignee().startsWith(prefix))) continue;
                int[] c = counts.computeIfAbsent(t.assignee(), k -> new int[3]);
                Instant[] w = times.computeIfAbsent(t.assignee(), k -> new Instant[2]);
                c[status.equals(OrderTask.OPEN) ? 0 : 1]++;
                if (t.dueAt() == null) continue;
                if (t.dueAt().isBefore(now)) {
                    c[2]++;
                    if (w[0] == null || t.dueAt().isBefore(w[0])) w[0] = t.dueAt();
                } else if (w[1] == null || t.dueAt().isBefore(w[1])) {
                    w[1] = t.dueAt();
                }
            }
        }
        List<Queue> queues = new ArrayList<>();
        counts.forEach((id, c) -> queues.add(new Queue(id, c[0], c[1], c[2], times.get(id)[0], times.get(id)[1])));
        return new Overview(queues, now, truncated);
    }
}
