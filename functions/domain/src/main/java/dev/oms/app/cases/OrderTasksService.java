package dev.oms.app.cases;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.TaskIndex;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks;
import java.time.Clock;
import java.time.Instant;

/**
 * Support tasks on orders (seed 000 section 13): created and changed in the order's transaction (so they are on its
 * timeline), listed across orders from the task index.
 */
public final class OrderTasksService {
    private final OrderTransactions tx;
    private final TaskIndex index;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderTasksService(OrderTransactions tx, TaskIndex index, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.index = index;
        this.ids = ids;
        this.clock = clock;
    }

    public record TaskDraft(String title, String description, String assignee, Instant dueAt, String priority) { }

    public OrderTask create(CommandContext ctx, String orderId, TaskDraft d) {
        String id = ids.next("task");
        return tx.mutate(ctx, orderId, true, o -> {
            Instant now = clock.instant();
            return OrderTasks.create(o, new OrderTask(id, o.id(), d.title(), d.description(), d.assignee(), d.dueAt(),
                    d.priority() == null ? "normal" : d.priority(), OrderTask.OPEN, null, ctx.caller().subject(), now, null, now, null), now);
        });
    }

    public OrderTask update(CommandContext ctx, String orderId, String taskId, OrderTasks.TaskChange change) {
        return tx.mutate(ctx, orderId, true, o -> OrderTasks.update(o, taskId, change, ctx.caller().subject(), clock.instant()));
    }

    /** The caller's tenant's tasks; with an order filter, the order must exist for the caller (404 otherwise). */
    public Page<OrderTask> list(CommandContext ctx, TaskIndex.TaskFilter filter, PageRequest page) {
        if (filter.orderId() != null) tx.get(ctx, filter.orderId());
        return index.list(ctx.tenantId(), filter, page);
    }
}
