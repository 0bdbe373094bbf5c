package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.QueueLeases;
import dev.oms.app.port.QueueLeases.Lease;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks.TaskChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Claiming work from an admin queue (issue 13). A queue is an assignee's tasks (an agent or a team such as
 * {@code team:support}, docs/admin-operations.md): a claim takes the first of its {@code open} tasks, then of its
 * {@code in_progress} ones, whose lease is free or expired, with one conditional write per candidate (so of
 * concurrent claimers of one item exactly one wins), and moves the task to {@code in_progress} through the tasks use
 * case (audited as {@code order.task_updated} by the claimer).
 */
public final class QueueClaims {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
    public static final int CANDIDATES = 50;

    private final OrderTasksService tasks;
    private final QueueLeases leases;
    private final Clock clock;

    public QueueClaims(OrderTasksService tasks, QueueLeases leases, Clock clock) {
        this.tasks = tasks;
        this.leases = leases;
        this.clock = clock;
    }

    public record Claimed(OrderTask task, Lease lease) { }

    public Claimed claim(CommandContext ctx, String queueId, Duration leaseFor) {
        Instant now = clock.instant();
        String me = ctx.caller().subject();
        for (String status : List.of(OrderTask.OPEN, OrderTask.IN_PROGRESS)) {
            List<OrderTask> candidates = tasks.list(ctx, new TaskFilter(status, queueId, null, null), new PageRequest(null, CANDIDATES)).items();
            for (OrderTask t : candidates) {
                QueueLeases.Outcome outcome = leases.claim(ctx.tenantId(), new Lease(queueId, t.id(), me, now, now.plus(leaseFor)));
                if (!outcome.won()) continue;
                // the task change is a step of the claim: the claim's answer (not the task) is the idempotent response,
                // recorded after it; a retry after a crash in between renews the claimer's own lease, the same outcome
                CommandContext step = new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ResponseJournal.NONE, ctx.clientIp());
                OrderTask started = t.status().equals(OrderTask.IN_PROGRESS) ? t : tasks.update(step, t.orderId(), t.id(),
                        new TaskChange(null, null, null, false, null, false, null, OrderTask.IN_PROGRESS, null));
                return new Claimed(started, outcome.lease());
            }
        }
        throw DomainException.conflict("queue.empty", "Queue " + queueId + " has no unclaimed item",
                "Every item is claimed by someone else until its lease expires; try again later or another queue.");
    }
}
