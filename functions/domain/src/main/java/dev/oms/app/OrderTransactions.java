package dev.oms.app;

import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.OrderCommit;
import dev.oms.app.port.OrderRepository;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The command loop every order use case goes through: read the order the caller may see, check the version it
 * pinned and the edit lock, let the aggregate decide, and commit the new state, its events and the idempotent
 * response in one transaction. A write that loses a race is re-read and re-decided (unless the caller pinned a
 * version with If-Match), so no update is ever lost.
 */
public final class OrderTransactions {
    static final int MAX_ATTEMPTS = 12;

    private final OrderRepository orders;
    private final Clock clock;

    public OrderTransactions(OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** The order if the caller may see it; 404 otherwise, {@code order.deleted} when it was soft-deleted. */
    public Order get(CommandContext ctx, String orderId) {
        Order order = find(ctx, orderId);
        if (order.isDeleted()) {
            throw DomainException.notFound("order.deleted", "Order " + orderId + " was deleted");
        }
        return order;
    }

    /**
     * The id of the order that owns a child named on its own (a shipment or return id in the path); 404
     * {@code notFoundCode} when there is none in the caller's tenant. The order itself is still checked by
     * {@link #get} and {@link #mutate}, so another customer's child is a 404 too.
     */
    public String orderIdOfChild(CommandContext ctx, String childId, String notFoundCode) {
        return orders.findOrderIdOfChild(ctx.tenantId(), childId)
                .orElseThrow(() -> DomainException.notFound(notFoundCode, "No " + notFoundCode.substring(0, notFoundCode.indexOf('.')) + " " + childId));
    }

    private Order find(CommandContext ctx, String orderId) {
        return orders.find(ctx.tenantId(), orderId).filter(o -> ctx.caller().mayView(o.id(), o.customerId()))
                .orElseThrow(() -> DomainException.notFound("order.not_found", "No order " + orderId));
    }


    public <R> R mutate(CommandContext ctx, String orderId, boolean respectLock, Function<Order, R> change) {
        return mutate(ctx, orderId, respectLock, false, change, orders::commit);
    }

    /**
     * Reads the order, applies the change and writes it with {@code writer}; on a lost race re-reads and tries again
     * (or answers a version conflict when the caller pinned a version). {@code includeDeleted} lets a hard delete
     * purge a soft-deleted order.
     */
    public <R> R mutate(CommandContext ctx, String orderId, boolean respectLock, boolean includeDeleted,
                         Function<Order, R> change, java.util.function.Consumer<OrderCommit> writer) {
        for (int attempt = 1; ; attempt++) {
            Order order = includeDeleted ? find(ctx, orderId) : get(ctx, orderId);
            checkExpectedVersion(ctx, order.version());
            if (respectLock) order.assertNotLockedAgainst(ctx.caller().subject(), now());
            long readVersion = order.version();
            R result = change.apply(order);
            if (!order.hasChanges()) return result;
            order.state().version = readVersion + 1;
            try {
                writer.accept(new OrderCommit(order, readVersion, meta(ctx), journal(ctx, result)));
                ctx.journal().written();
                return result;
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null) throw versionConflict(e.currentVersion());
                if (attempt >= MAX_ATTEMPTS) {
                    throw DomainException.conflict("order.contention", "Order " + orderId + " is being changed by others right now",
                            "Retry the request.");
                }
                backOff(attempt);
            }
        }
    }

    /**
     * A dry run of {@link #mutate}: the same reads and checks (visibility, expected version, lock) and the same change,
     * applied to a copy read for it and never written; the result shows the order as the real call would leave it (at
     * the next version when it changed).
     */
    public <R> R preview(CommandContext ctx, String orderId, boolean respectLock, Function<Order, R> change) {
        Order order = get(ctx, orderId);
        checkExpectedVersion(ctx, order.version());
        if (respectLock) order.assertNotLockedAgainst(ctx.caller().subject(), now());
        long readVersion = order.version();
        R result = change.apply(order);
        if (order.hasChanges()) order.state().version = readVersion + 1;
        return result;
    }

    /** A short random pause that grows with the attempt, so racing writers spread out instead of colliding again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 5) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void commitNew(CommandContext ctx, Order order, Object result) {
        order.state().version = 1;
        orders.commit(new OrderCommit(order, 0, meta(ctx), journal(ctx, result)));
        ctx.journal().written();
    }

    private static IdempotencyRecord journal(CommandContext ctx, Object result) { return ctx.journal().recordFor(result); }

    /** 409 {@code order.version_conflict} when the caller pinned another version than the order's (for multi-step commands). */
    public void checkVersion(CommandContext ctx, Order order) { checkExpectedVersion(ctx, order.version()); }

    private void checkExpectedVersion(CommandContext ctx, long current) {
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current) throw versionConflict(current);
    }

    private static DomainException versionConflict(long current) {
        return DomainException.conflict("order.version_conflict", "The order has changed since you read it (it is now at version " + current + ")",
                "GET the order, re-apply your change to the current version and send it with the new ETag.").with("current_version", current);
    }

    private CommandMeta meta(CommandContext ctx) {
        Map<String, String> md = new LinkedHashMap<>();
        if (ctx.caller().impersonatedBy() != null) md.put("impersonated_by", ctx.caller().impersonatedBy());
        return new CommandMeta(ctx.caller().actor(), ctx.correlationId(), now(), ctx.reason(), md,
                ctx.caller().roles().stream().sorted().toList(), ctx.clientIp());
    }

    private Instant now() { return clock.instant(); }
}
