package dev.oms.app;

import dev.oms.app.connector.FraudScreening;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.OrderCommit;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.ConfirmationChecks;
import dev.oms.domain.order.ConfirmationChecks.PaymentCheck;
import dev.oms.domain.order.ConfirmationChecks.PaymentOutcome;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.LineChange;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderLock;
import dev.oms.domain.order.PaymentReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order use cases. Each command reads the order, lets the aggregate decide, and commits the new state, its events
 * and the idempotent response in one transaction. A write that loses a race is re-read and re-decided (unless the
 * caller pinned a version with If-Match), so no update is ever lost.
 */
public final class OrderService {
    static final int MAX_ATTEMPTS = 12;
    public static final int MAX_LOCK_SECONDS = 3600;

    private final OrderRepository orders;
    private final TenantSettingsStore settings;
    private final PaymentGateway payments;
    private final InventoryService inventory;
    private final FraudScreening fraud;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderService(OrderRepository orders, TenantSettingsStore settings, PaymentGateway payments,
                        InventoryService inventory, FraudScreening fraud, IdGenerator ids, Clock clock) {
        this.orders = orders;
        this.settings = settings;
        this.payments = payments;
        this.inventory = inventory;
        this.fraud = fraud;
        this.ids = ids;
        this.clock = clock;
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    /** The order if the caller may see it; 404 otherwise, {@code order.deleted} when it was soft-deleted. */
    public Order get(CommandContext ctx, String orderId) {
        Order order = orders.find(ctx.tenantId(), orderId)
                .filter(o -> ctx.caller().mayView(o.customerId()))
                .orElseThrow(() -> notFound(orderId));
        if (order.isDeleted()) {
            throw DomainException.notFound("order.deleted", "Order " + orderId + " was deleted");
        }
        return order;
    }

    private Order find(CommandContext ctx, String orderId) {
        return orders.find(ctx.tenantId(), orderId).filter(o -> ctx.caller().mayView(o.customerId()))
                .orElseThrow(() -> notFound(orderId));
    }

    public Page<Order> list(CommandContext ctx, OrderFilter filter, PageRequest page) {
        OrderFilter scoped = ctx.caller().isCustomer() ? filter.withCustomer(ctx.caller().customerId()) : filter;
        return orders.list(ctx.tenantId(), scoped, page);
    }

    // ---- create ------------------------------------------------------------------------------------------------

    public Order create(CommandContext ctx, OrderDraft draft) {
        OrderDraft d = draft;
        if (ctx.caller().isCustomer()) {
            if (d.customerId() != null && !d.customerId().equals(ctx.caller().customerId())) {
                throw DomainException.invalidField("customer_id", "customer_id.not_yours", "Customers can only create orders for themselves");
            }
            d = new OrderDraft(d.externalReference(), ctx.caller().customerId(), d.channel(), d.source(), d.currency(), d.items(),
                    d.shippingAddress(), d.billingAddress(), d.shippingMethod(), d.shippingAmount(), d.discount(), d.payments(), d.metadata());
        }
        if (d.customerId() == null) throw DomainException.invalidField("customer_id", "field.required", "customer_id is required");
        Order order = Order.create(ctx.tenantId(), ids.next("ord"), orders.nextOrderNumber(ctx.tenantId()), d, now(),
                () -> ids.next("line"));
        commitNew(ctx, order, order);
        return order;
    }

    public Order duplicate(CommandContext ctx, String orderId) {
        Order source = get(ctx, orderId);
        Order copy = source.duplicate(ids.next("ord"), orders.nextOrderNumber(ctx.tenantId()), now(), () -> ids.next("line"));
        commitNew(ctx, copy, copy);
        return copy;
    }

    // ---- details and lines -------------------------------------------------------------------------------------

    public Order update(CommandContext ctx, String orderId, Map<String, String> metadata, Address shipping, Address billing) {
        return mutate(ctx, orderId, true, o -> { o.updateDetails(metadata, shipping, billing, now()); return o; });
    }

    public LineResult addLine(CommandContext ctx, String orderId, LineSpec spec) {
        return mutate(ctx, orderId, true, o -> new LineResult(o, List.of(o.addLine(spec, ids.next("line"), now()))));
    }

    public LineResult updateLine(CommandContext ctx, String orderId, String lineId, LineChange change) {
        return mutate(ctx, orderId, true, o -> new LineResult(o, List.of(o.updateLine(lineId, change, now()))));
    }

    public Order removeLine(CommandContext ctx, String orderId, String lineId) {
        return mutate(ctx, orderId, true, o -> { o.removeLine(lineId, now()); return o; });
    }

    public LineResult splitLine(CommandContext ctx, String orderId, String lineId, List<Long> quantities) {
        return mutate(ctx, orderId, true, o -> new LineResult(o, o.splitLine(lineId, quantities, () -> ids.next("line"), now())));
    }

    public Order bulkLines(CommandContext ctx, String orderId, List<LineSpec> adds, Map<String, LineChange> edits) {
        return mutate(ctx, orderId, true, o -> { o.applyLineBatch(adds, edits, () -> ids.next("line"), now()); return o; });
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    public Order confirm(CommandContext ctx, String orderId) {
        return mutate(ctx, orderId, true, o -> {
            ConfirmationChecks checks = new ConfirmationChecks(checkPayments(o), checkInventory(o), fraud.screen(o));
            o.confirm(checks, ids.next("hold"), ctx.caller().actor(), now());
            return o;
        });
    }

    public HoldResult hold(CommandContext ctx, String orderId, String type, String reason, String assignedTo, String note) {
        return mutate(ctx, orderId, true, o -> new HoldResult(o,
                o.hold(new Hold(ids.next("hold"), type, reason, assignedTo, note, ctx.caller().subject(), now()), now())));
    }

    public HoldResult release(CommandContext ctx, String orderId, String holdId, String resolution) {
        boolean mayReleaseFraud = ctx.caller().can(Permission.ORDERS_RELEASE_FRAUD);
        return mutate(ctx, orderId, true, o -> new HoldResult(o, o.release(holdId, resolution, mayReleaseFraud, now())));
    }

    public Order close(CommandContext ctx, String orderId) {
        return mutate(ctx, orderId, true, o -> { o.close(ctx.reason(), now()); return o; });
    }

    public Order reopen(CommandContext ctx, String orderId) {
        return mutate(ctx, orderId, true, o -> { o.reopen(ctx.reason(), now()); return o; });
    }

    /** Soft delete hides the order; a hard delete removes it for good where the tenant allows it. */
    public Order delete(CommandContext ctx, String orderId, boolean hard) {
        if (!hard) return mutate(ctx, orderId, true, o -> { o.softDelete(ctx.reason(), now()); return o; });
        if (!ctx.caller().can(Permission.ORDERS_HARD_DELETE)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "Hard deletion needs the orders:hard_delete permission",
                    "Ask an admin.");
        }
        if (!settings.get(ctx.tenantId()).allowHardDelete()) {
            throw DomainException.conflict("order.hard_delete_disabled", "This tenant does not allow hard deletion",
                    "Enable allow_hard_delete in the tenant settings, or use a soft delete.");
        }
        return mutate(ctx, orderId, true, true, o -> { o.hardDelete(ctx.reason(), now()); return o; }, orders::hardDelete);
    }

    // ---- locks ---------------------------------------------------------------------------------------------------

    public LockResult lock(CommandContext ctx, String orderId, int ttlSeconds, String purpose) {
        if (ttlSeconds < 1 || ttlSeconds > MAX_LOCK_SECONDS) {
            throw DomainException.invalidField("ttl_seconds", "ttl_seconds.out_of_range", "ttl_seconds must be between 1 and " + MAX_LOCK_SECONDS);
        }
        return mutate(ctx, orderId, false, o -> {
            Instant now = now();
            OrderLock lock = new OrderLock(LockIds.of(orderId, ids.next("lck")), ctx.caller().subject(), purpose, now,
                    now.plus(Duration.ofSeconds(ttlSeconds)));
            return new LockResult(o, o.acquireLock(lock, now));
        });
    }

    public Order unlock(CommandContext ctx, String lockId) {
        String orderId = LockIds.orderIdOf(lockId);
        if (orderId == null) throw DomainException.notFound("lock.not_found", "No lock " + lockId);
        boolean override = ctx.caller().can(Permission.ORDERS_LOCK_OVERRIDE);
        try {
            return mutate(ctx, orderId, false, o -> { o.releaseLock(lockId, ctx.caller().subject(), override); return o; });
        } catch (DomainException e) {
            if (e.code().startsWith("order.")  && e.kind() == DomainException.Kind.NOT_FOUND) {
                throw DomainException.notFound("lock.not_found", "No lock " + lockId);
            }
            throw e;
        }
    }

    // ---- the command loop --------------------------------------------------------------------------------------

    private <R> R mutate(CommandContext ctx, String orderId, boolean respectLock, Function<Order, R> change) {
        return mutate(ctx, orderId, respectLock, false, change, orders::commit);
    }

    /**
     * Reads the order, applies the change and writes it with {@code writer}; on a lost race re-reads and tries again
     * (or answers a version conflict when the caller pinned a version). {@code includeDeleted} lets a hard delete
     * purge a soft-deleted order.
     */
    private <R> R mutate(CommandContext ctx, String orderId, boolean respectLock, boolean includeDeleted,
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

    /** A short random pause that grows with the attempt, so racing writers spread out instead of colliding again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 5) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitNew(CommandContext ctx, Order order, Object result) {
        order.state().version = 1;
        orders.commit(new OrderCommit(order, 0, meta(ctx), journal(ctx, result)));
        ctx.journal().written();
    }

    private static IdempotencyRecord journal(CommandContext ctx, Object result) { return ctx.journal().recordFor(result); }

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
        return new CommandMeta(ctx.caller().actor(), ctx.correlationId(), now(), ctx.reason(), md);
    }

    private PaymentCheck checkPayments(Order order) {
        String currency = order.state().currency;
        long authorized = 0;
        boolean pending = false, declined = false;
        Map<String, String> states = new LinkedHashMap<>();
        for (PaymentReference ref : order.state().payments) {
            PaymentGateway.PaymentStatus st = payments.status(order.tenantId(), ref.paymentId());
            states.put(ref.paymentId(), st.state().name().toLowerCase(java.util.Locale.ROOT));
            switch (st.state()) {
                case AUTHORIZED, CAPTURED -> {
                    if (st.amount() != null && st.amount().currency().equals(currency)) {
                        authorized += Math.min(st.amount().minor(), ref.amount().minor());
                    }
                }
                case PENDING -> pending = true;
                case DECLINED, NOT_FOUND, VOIDED, REFUNDED -> declined = true;
            }
        }
        long total = order.totals().total();
        // authorized payments that cover the total win over a declined or stale extra one
        PaymentOutcome outcome;
        if (authorized >= total) outcome = PaymentOutcome.AUTHORIZED;
        else if (pending) outcome = PaymentOutcome.PENDING;
        else if (declined) outcome = PaymentOutcome.DECLINED;
        else outcome = PaymentOutcome.MISSING;
        return new PaymentCheck(outcome, authorized, states);
    }

    private List<String> checkInventory(Order order) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (OrderLine l : order.lines()) bySku.merge(l.sku(), l.quantity(), Long::sum);
        return inventory.unavailable(order.tenantId(), bySku.entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList());
    }

    private Instant now() { return clock.instant(); }

    private static DomainException notFound(String orderId) {
        return DomainException.notFound("order.not_found", "No order " + orderId);
    }

    public record LineResult(Order order, List<OrderLine> lines) { }

    public record HoldResult(Order order, Hold hold) { }

    public record LockResult(Order order, OrderLock lock) { }
}
