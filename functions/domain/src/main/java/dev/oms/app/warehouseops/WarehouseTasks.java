package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.QueueLeases;
import dev.oms.app.port.QueueLeases.Lease;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks.TaskChange;
import dev.oms.domain.warehouse.ops.WarehouseQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warehouse tasks (seed 003 section 9) on the order tasks machinery: a task on an order whose assignee is a
 * {@link WarehouseQueue}, created and changed by {@link OrderTasksService} (on the order's timeline as
 * {@code order.task_created} / {@code order.task_updated}). A worker claims one task with a lease that expires
 * ({@link QueueLeases}: one conditional write, so of concurrent claims exactly one wins) and completes it while
 * holding the lease.
 */
public final class WarehouseTasks {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
    /** Tasks examined per list page and for the queue depths. */
    public static final int EXAMINED = 1000;

    private final OrderTransactions tx;
    private final OrderTasksService tasks;
    private final QueueLeases leases;
    private final Clock clock;

    public WarehouseTasks(OrderTransactions tx, OrderTasksService tasks, QueueLeases leases, Clock clock) {
        this.tx = tx;
        this.tasks = tasks;
        this.leases = leases;
        this.clock = clock;
    }

    /** A warehouse task and its current lease (null: never claimed). */
    public record WarehouseTask(OrderTask task, WarehouseQueue queue, Lease lease) { }

    public record ListFilter(String status, String type, String zone, String priority) { }

    /** A queue's depth: its open and in-progress tasks, and the oldest open one's creation time (null: none open). */
    public record QueueDepth(WarehouseQueue queue, long open, long inProgress, Instant oldestOpenAt) { }

    public record Depths(List<QueueDepth> queues, boolean complete) { }

    /** The new task (its idempotent response is written with it: the task, as {@link OrderTasksService} returns it). */
    public OrderTask create(CommandContext ctx, String orderId, WarehouseQueue queue, String title, String description,
                            String priority, Instant dueAt) {
        String t = title != null ? title : Character.toUpperCase(queue.type().charAt(0)) + queue.type().substring(1)
                + (queue.zone() == null ? "" : " in " + queue.zone());
        return tasks.create(ctx, orderId, new TaskDraft(t, description, queue.assignee(), dueAt, priority));
    }

    /**
     * With a type and a zone, one queue's tasks (one indexed Query); otherwise the tenant's tasks in {@code status}
     * whose assignee is a warehouse queue, filtered by type, zone and priority in code.
     */
    public Page<WarehouseTask> list(CommandContext ctx, ListFilter f, PageRequest page) {
        String status = f.status() == null ? OrderTask.OPEN : f.status();
        String assignee = f.type() != null && f.zone() != null ? new WarehouseQueue(f.type(), f.zone()).assignee() : null;
        Page<OrderTask> p = tasks.list(ctx, new TaskFilter(status, assignee, null, null), page);
        List<WarehouseTask> out = new ArrayList<>();
        for (OrderTask t : p.items()) {
            WarehouseQueue q = WarehouseQueue.of(t.assignee()).orElse(null);
            if (q == null || (f.type() != null && !f.type().equals(q.type())) || (f.zone() != null && !f.zone().equals(q.zone()))) continue;
            if (f.priority() != null && !f.priority().equals(t.priority())) continue;
            out.add(new WarehouseTask(t, q, leases.find(ctx.tenantId(), q.assignee(), t.id()).orElse(null)));
        }
        return new Page<>(out, p.nextPosition());
    }

    /** Takes the task's lease: 409 {@code task.claimed} while someone else holds it; the claimer's own lease is renewed. */
    public WarehouseTask claim(CommandContext ctx, String taskId, Duration leaseFor) {
        WarehouseTask current = find(ctx, taskId);
        if (current.task().isFinished()) {
            throw DomainException.conflict("task.finished", "Task " + taskId + " is " + current.task().status(), "Claim an open task.");
        }
        Instant now = clock.instant();
        QueueLeases.Outcome outcome = leases.claim(ctx.tenantId(), new Lease(current.queue().assignee(), taskId, ctx.caller().subject(), now,
                now.plus(leaseFor)));
        if (!outcome.won()) {
            Lease held = outcome.lease();
            throw DomainException.conflict("task.claimed", "Task " + taskId + " is claimed by someone else",
                    "Wait until the lease expires or take another task.").with("expires_at", held == null ? null : held.expiresAt().toString());
        }
        OrderTask started = current.task().status().equals(OrderTask.IN_PROGRESS) ? current.task()
                : tasks.update(step(ctx), current.task().orderId(), taskId,
                        new TaskChange(null, null, null, false, null, false, null, OrderTask.IN_PROGRESS, null));
        return new WarehouseTask(started, current.queue(), outcome.lease());
    }

    /**
     * Completes the task with its result; only its claimer, while the lease lasts (409 {@code task.not_claimed}). The
     * done task is the idempotent response, written with the change.
     */
    public OrderTask complete(CommandContext ctx, String taskId, String result) {
        WarehouseTask current = find(ctx, taskId);
        if (current.task().isFinished()) {
            throw DomainException.conflict("task.finished", "Task " + taskId + " is " + current.task().status(), "Nothing to complete.");
        }
        Lease lease = current.lease();
        if (lease == null || !lease.claimedBy().equals(ctx.caller().subject()) || !lease.expiresAt().isAfter(clock.instant())) {
            throw DomainException.conflict("task.not_claimed", "You do not hold a live claim on task " + taskId,
                    "Claim the task first (POST /v1/fulfillment/tasks/{taskId}/claim), then complete it before the lease expires.");
        }
        return tasks.update(ctx, current.task().orderId(), taskId,
                new TaskChange(null, null, null, false, null, false, null, OrderTask.DONE, result));
    }

    /** Open and in-progress tasks per warehouse queue, over at most {@link #EXAMINED} tasks of each status. */
    public Depths depths(CommandContext ctx) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        boolean complete = true;
        for (String status : List.of(OrderTask.OPEN, OrderTask.IN_PROGRESS)) {
            String position = null;
            int examined = 0;
            do {
                Page<OrderTask> p = tasks.list(ctx, new TaskFilter(status, null, null, null), new PageRequest(position, 200));
                for (OrderTask t : p.items()) {
                    examined++;
                    WarehouseQueue q = WarehouseQueue.of(t.assignee()).orElse(null);
                    if (q == null) continue;
                    long[] c = counts.computeIfAbsent(q.assignee(), k -> new long[2]);
                    c[status.equals(OrderTask.OPEN) ? 0 : 1]++;
                    if (status.equals(OrderTask.OPEN)) oldest.merge(q.assignee(), t.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
                position = p.nextPosition();
            } while (position != null && examined < EXAMINED);
            if (position != null) complete = false;
        }
        List<QueueDepth> out = new ArrayList<>();
        counts.forEach((name, c) -> out.add(new QueueDepth(WarehouseQueue.of(name).orElseThrow(), c[0], c[1], oldest.get(name))));
        out.sort(Comparator.comparing(d -> d.queue().assignee()));
        return new Depths(out, complete);
    }

    private WarehouseTask find(CommandContext ctx, String taskId) {
        String orderId = tx.orderIdOfChild(ctx, taskId, "task.not_found");
        OrderTask task = tx.get(ctx, orderId).child(OrderTask.class, taskId)
                .orElseThrow(() -> DomainException.notFound("task.not_found", "No task " + taskId));
        WarehouseQueue queue = WarehouseQueue.of(task.assignee())
                .orElseThrow(() -> DomainException.notFound("task.not_found", "No warehouse task " + taskId));
        return new WarehouseTask(task, queue, leases.find(ctx.tenantId(), queue.assignee(), taskId).orElse(null));
    }

    /** A step of the claim: its answer (not the task change) is the idempotent response, recorded after it. */
    private static CommandContext step(CommandContext ctx) {
        return new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ResponseJournal.NONE, ctx.clientIp());
    }
}
