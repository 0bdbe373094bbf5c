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
    public static final int MAX_LOCK_SECONDS = 3600;

    private final OrderRepository orders;
    private final TenantSettingsStore settings;
    private final PaymentGateway payments;
    private final InventoryService inventory;
    private final FraudScreening fraud;
    private final IdGenerator ids;
    private final Clock clock;
    private final OrderTransactions tx;

    public OrderService(OrderRepository orders, TenantSettingsStore settings, PaymentGateway payments,
                        InventoryService inventory, FraudScreening fraud, IdGenerator ids, Clock clock) {
        this.orders = orders;
        this.settings = settings;
        this.payments = payments;
        this.inventory = inventory;
        this.fraud = fraud;
        this.ids = ids;
        this.clock = clock;
        this.tx = new OrderTransactions(orders, clock);
    }

    /** The command loop, shared with the other order use cases. */
    public OrderTransactions transactions() { return tx; }

    // ---- queries -----------------------------------------------------------------------------------------------

    /** The order if the caller may see it; 404 otherwise, {@code order.deleted} when it was soft-deleted. */
    public Order get(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public Page<Order> list(CommandContext ctx, OrderFilter filter, PageRequest page) {
        if (ctx.caller().isScopedToOneOrder()) {
            // a guest token lists its one order, whatever the filter (docs/customer-care.md, "Guest lookup")
            String only = ctx.caller().orderScope();
            return new Page<>(page.position() != null ? java.util.List.of()
                    : orders.find(ctx.tenantId(), only).filter(o -> !o.isDeleted()).stream().toList(), null);
        }
        OrderFilter scoped = ctx.caller().isCustomer() ? filter.withCustomer(ctx.caller().customerId()) : filter;
        return orders.list(ctx.tenantId(), scoped, page);
    }

    /** The visible, not deleted order with this external reference, if any. */
    public java.util.Optional<Order> findByExternalReference(CommandContext ctx, String externalReference) {
        return orders.findIdByExternalReference(ctx.tenantId(), externalReference).flatMap(id -> orders.find(ctx.tenantId(), id))
                .filter(o -> !o.isDeleted() && ctx.caller().mayView(o.id(), o.customerId()));
    }

    // ---- create ------------------------------------------------------------------------------------------------

    public Order create(CommandContext ctx, OrderDraft draft) {
        Order order = build(ctx, draft, ids.next("ord"), () -> orders.nextOrderNumber(ctx.tenantId()));
        tx.commitNew(ctx, order, order);
        return order;
    }

    /** Decides a draft as {@link #create} would, storing nothing (the dry run of an import). */
    public Order check(CommandContext ctx, OrderDraft draft) {
        return build(ctx, draft, "ord_dry_run", () -> 0L);
    }

    /**
     * An order whose every price comes from a cart (seed 002's {@code POST /api/orders}, {@code dev.oms.app.cart.CartCheckout}):
     * the one way a customer's token creates an order, and only for its own customer id.
     */
    public Order createPricedByCart(CommandContext ctx, OrderDraft cartPricedDraft) {
        if (ctx.caller().isCustomer() && !java.util.Objects.equals(ctx.caller().customerId(), cartPricedDraft.customerId())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "A customer orders for itself only",
                    "Send your own customer id as user_id.");
        }
        if (cartPricedDraft.customerId() == null) throw DomainException.invalidField("user_id", "field.required", "user_id is required");
        Order order = Order.create(ctx.tenantId(), ids.next("ord"), orders.nextOrderNumber(ctx.tenantId()), cartPricedDraft, now(), () -> ids.next("line"));
        tx.commitNew(ctx, order, order);
        return order;
    }

    private Order build(CommandContext ctx, OrderDraft draft, String orderId, java.util.function.LongSupplier number) {
        OrderDraft d = draft;
        if (ctx.caller().isCustomer()) {
            // prices, discounts and shipping amounts never come from a customer: a customer's order comes from a cart
            // priced on the cart/pricing side (the simple order API), never from a canonical create
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden",
                    "Customers cannot create orders with their own prices",
                    "Order through the storefront's cart; agents and services create canonical orders.");
        }
        if (d.customerId() == null) throw DomainException.invalidField("customer_id", "field.required", "customer_id is required");
        return Order.create(ctx.tenantId(), orderId, number.getAsLong(), d, now(), () -> ids.next("line"));
    }

    public Order duplicate(CommandContext ctx, String orderId) {
        Order source = get(ctx, orderId);
        Order copy = source.duplicate(ids.next("ord"), orders.nextOrderNumber(ctx.tenantId()), now(), () -> ids.next("line"));
        tx.commitNew(ctx, copy, copy);
        return copy;
    }

    // ---- details and lines -------------------------------------------------------------------------------------

    public Order update(CommandContext ctx, String orderId, Map<String, String> metadata, Address shipping, Address billing) {
        return update(ctx, orderId, metadata, shipping, billing, false);
    }

    /** {@code dryRun}: the same checks and change on a copy never written (import corrections' dry run). */
    public Order update(CommandContext ctx, String orderId, Map<String, String> metadata, Address shipping, Address billing, boolean dryRun) {
        return change(ctx, orderId, dryRun, o -> { o.updateDetails(metadata, shipping, billing, now()); return o; });
    }

    public LineResult addLine(CommandContext ctx, String orderId, LineSpec spec) {
        return tx.mutate(ctx, orderId, true, o -> new LineResult(o, List.of(o.addLine(spec, ids.next("line"), now()))));
    }

    public LineResult updateLine(CommandContext ctx, String orderId, String lineId, LineChange change) {
        return tx.mutate(ctx, orderId, true, o -> new LineResult(o, List.of(o.updateLine(lineId, change, now()))));
    }

    public Order removeLine(CommandContext ctx, String orderId, String lineId) {
        return tx.mutate(ctx, orderId, true, o -> { o.removeLine(lineId, now()); return o; });
    }

    public LineResult splitLine(CommandContext ctx, String orderId, String lineId, List<Long> quantities) {
        return tx.mutate(ctx, orderId, true, o -> new LineResult(o, o.splitLine(lineId, quantities, () -> ids.next("line"), now())));
    }

    public Order bulkLines(CommandContext ctx, String orderId, List<LineSpec> adds, Map<String, LineChange> edits) {
        return tx.mutate(ctx, orderId, true, o -> { o.applyLineBatch(adds, edits, () -> ids.next("line"), now()); return o; });
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    public Order confirm(CommandContext ctx, String orderId) { return confirm(ctx, orderId, false); }

    /** {@code dryRun}: every check and the change, on a copy never written (the admin's bulk preview). */
    public Order confirm(CommandContext ctx, String orderId, boolean dryRun) {
        return change(ctx, orderId, dryRun, o -> {
            boolean termsAllowed = o.state().paymentTerms != null
                    && settings.get(ctx.tenantId()).allowsPaymentTerms(o.customerId(), o.state().channel);
            ConfirmationChecks checks = new ConfirmationChecks(checkPayments(o), checkInventory(o), fraud.screen(o), termsAllowed);
            o.confirm(checks, ids.next("hold"), ctx.caller().actor(), now());
            return o;
        });
    }

    public HoldResult hold(CommandContext ctx, String orderId, String type, String reason, String assignedTo, String note) {
        return hold(ctx, orderId, type, reason, assignedTo, note, false);
    }

    public HoldResult hold(CommandContext ctx, String orderId, String type, String reason, String assignedTo, String note, boolean dryRun) {
        return hold(ctx, orderId, type, reason, assignedTo, note, null, dryRun);
    }

    /** A hold that expires at {@code expiresAt} (null: until released); the caller schedules its release. */
    public HoldResult hold(CommandContext ctx, String orderId, String type, String reason, String assignedTo, String note, Instant expiresAt,
                           boolean dryRun) {
        return change(ctx, orderId, dryRun, o -> new HoldResult(o,
                o.hold(new Hold(ids.next("hold"), type, reason, assignedTo, note, ctx.caller().subject(), now(), expiresAt), now())));
    }

    public HoldResult release(CommandContext ctx, String orderId, String holdId, String resolution) {
        return release(ctx, orderId, holdId, resolution, false);
    }

    public HoldResult release(CommandContext ctx, String orderId, String holdId, String resolution, boolean dryRun) {
        boolean mayReleaseFraud = ctx.caller().can(Permission.ORDERS_RELEASE_FRAUD);
        return change(ctx, orderId, dryRun, o -> new HoldResult(o, o.release(holdId, resolution, mayReleaseFraud, now())));
    }

    public Order close(CommandContext ctx, String orderId) { return close(ctx, orderId, false); }

    public Order close(CommandContext ctx, String orderId, boolean dryRun) {
        return change(ctx, orderId, dryRun, o -> { o.close(ctx.reason(), now()); return o; });
    }

    /** The change written ({@link OrderTransactions#mutate}), or only tried on a copy ({@link OrderTransactions#preview}). */
    private <R> R change(CommandContext ctx, String orderId, boolean dryRun, java.util.function.Function<Order, R> change) {
        return dryRun ? tx.preview(ctx, orderId, true, change) : tx.mutate(ctx, orderId, true, change);
    }

    public Order reopen(CommandContext ctx, String orderId) {
        return tx.mutate(ctx, orderId, true, o -> { o.reopen(ctx.reason(), now()); return o; });
    }

    /** Soft delete hides the order; a hard delete removes it for good where the tenant allows it. */
    public Order delete(CommandContext ctx, String orderId, boolean hard) {
        if (!hard) return tx.mutate(ctx, orderId, true, o -> { o.softDelete(ctx.reason(), now()); return o; });
        if (!ctx.caller().can(Permission.ORDERS_HARD_DELETE)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "Hard deletion needs the orders:hard_delete permission",
                    "Ask an admin.");
        }
        if (!settings.get(ctx.tenantId()).allowHardDelete()) {
            throw DomainException.conflict("order.hard_delete_disabled", "This tenant does not allow hard deletion",
                    "Enable allow_hard_delete in the tenant settings, or use a soft delete.");
        }
        return tx.mutate(ctx, orderId, true, true, o -> { o.hardDelete(ctx.reason(), now()); return o; }, orders::hardDelete);
    }

    /**
     * Places a legal hold: the order is kept from any removal until it is lifted (for the admin API, which checks its
     * own permission; the tenant's admins only).
     */
    public Order placeLegalHold(CommandContext ctx, String orderId, String reason) {
        return tx.mutate(ctx, orderId, false, true, o -> { o.placeLegalHold(reason, ctx.caller().actor(), now()); return o; }, orders::commit);
    }

    public Order releaseLegalHold(CommandContext ctx, String orderId, String reason) {
        return tx.mutate(ctx, orderId, false, true, o -> { o.releaseLegalHold(reason, now()); return o; }, orders::commit);
    }

    public Order resendConfirmation(CommandContext ctx, String orderId, String channel) {
        return tx.mutate(ctx, orderId, true, o -> { o.requestConfirmationResend(channel, now()); return o; });
    }

    // ---- locks ---------------------------------------------------------------------------------------------------

    public LockResult lock(CommandContext ctx, String orderId, int ttlSeconds, String purpose) {
        if (ttlSeconds < 1 || ttlSeconds > MAX_LOCK_SECONDS) {
            throw DomainException.invalidField("ttl_seconds", "ttl_seconds.out_of_range", "ttl_seconds must be between 1 and " + MAX_LOCK_SECONDS);
        }
        return tx.mutate(ctx, orderId, false, o -> {
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
            return tx.mutate(ctx, orderId, false, o -> { o.releaseLock(lockId, ctx.caller().subject(), override); return o; });
        } catch (DomainException e) {
            if (e.code().startsWith("order.")  && e.kind() == DomainException.Kind.NOT_FOUND) {
                throw DomainException.notFound("lock.not_found", "No lock " + lockId);
            }
            throw e;
        }
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


    public record LineResult(Order order, List<OrderLine> lines) { }

    public record HoldResult(Order order, Hold hold) { }

    public record LockResult(Order order, OrderLock lock) { }
}
