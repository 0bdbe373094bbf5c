package dev.oms.app;

import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Allocation;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cancelling orders, whole or in part. A request only records the cancellation (the order moves to
 * {@code cancelling}); the cancel-order saga then calls the steps below one by one. Each step is idempotent: it
 * records what it did on the order (refund ids, released reservations) and does nothing when called again, and every
 * connector call carries an idempotency key derived from the cancellation, so retries never refund twice.
 * Irreversible work (moving money) comes last before the order is marked cancelled; when a step fails for good,
 * {@link #compensate} undoes what can be undone and puts the order back where it was, with a hold and a repair item.
 */
public final class CancellationService {
    public static final String STEP_RELEASED = "inventory.released";
    public static final String STEP_FULFILLMENTS = "fulfillments.cancelled";
    public static final String STEP_PAYMENTS = "payments.settled";
    public static final String STEP_RESTOCKED = "inventory.restocked";
    public static final String STEP_NOTIFIED = "customer.notified";
    public static final String STEP_RESERVATIONS_RESTORED = "inventory.reservations_restored";
    static final int FULFILLMENT_BATCH = 40;

    private final OrderTransactions tx;
    private final TenantSettingsStore settings;
    private final PaymentGateway payments;
    private final InventoryService inventory;
    private final RepairQueue repairs;
    private final IdGenerator ids;
    private final Clock clock;

    public CancellationService(OrderTransactions tx, TenantSettingsStore settings, PaymentGateway payments, InventoryService inventory,
                               RepairQueue repairs, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.payments = payments;
        this.inventory = inventory;
        this.repairs = repairs;
        this.ids = ids;
        this.clock = clock;
    }

    public record Requested(Order order, Cancellation cancellation) { }

    /** The caller the saga acts as. */
    public static Caller sagaCaller(String tenantId) {
        return new Caller(tenantId, "cancel-order-saga", "system", Set.of("service"), null, null);
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    public Requested cancel(CommandContext ctx, String orderId, boolean refund, boolean restock) {
        return tx.mutate(ctx, orderId, true, o -> {
            checkPolicy(ctx, o);
            return new Requested(o, o.requestCancellation(ids.next("can"), ctx.reason(), refund, restock, ctx.caller().actor(), clock.instant()));
        });
    }

    /**
     * An admin's force-cancel (sudo and a reason, docs/admin-api.md): the same request and saga as {@link #cancel}, but the
     * tenant's {@code cancellation_policy} (which keeps confirmed orders from being cancelled) does not apply; the
     * order's own rules do (a shipped or cancelled order is still refused).
     */
    public Requested forceCancel(CommandContext ctx, String orderId, boolean refund, boolean restock) {
        return tx.mutate(ctx, orderId, true, o -> new Requested(o, requestOverridingPolicy(ctx, o, refund, restock)));
    }

    /**
     * {@link #requestWithin} without the tenant's {@code cancellation_policy}: for a staff decision that overrides it (a
     * force-cancel, the approval of a customer's cancel request); the caller commits it.
     */
    public Cancellation requestOverridingPolicy(CommandContext ctx, Order o, boolean refund, boolean restock) {
        return o.requestCancellation(ids.next("can"), ctx.reason(), refund, restock, ctx.caller().actor(), clock.instant());
    }

    public Requested cancelLines(CommandContext ctx, String orderId, List<Cancellation.LineQuantity> lines, boolean refund, boolean restock) {
        return tx.mutate(ctx, orderId, true, o -> {
            checkPolicy(ctx, o);
            return new Requested(o, o.requestPartialCancellation(ids.next("can"), lines, ctx.reason(), refund, restock,
                    ctx.caller().actor(), clock.instant()));
        });
    }

    /**
     * Requests the cancellation of the whole order inside another command's change (an order replacement), with the same
     * rules as {@link #cancel}; the caller commits it.
     */
    public Cancellation requestWithin(CommandContext ctx, Order o, boolean refund, boolean restock) {
        checkPolicy(ctx, o);
        return o.requestCancellation(ids.next("can"), ctx.reason(), refund, restock, ctx.caller().actor(), clock.instant());
    }

    /** The tenant's cancellation policy: {@code before_confirmation} refuses cancelling confirmed orders. */
    private void checkPolicy(CommandContext ctx, Order o) {
        checkPolicy(settings.get(ctx.tenantId()).cancellationPolicy(), o);
    }

    /** The tenant's cancellation policy applied to an order, checked without changing anything (also for the customer's available actions). */
    public static void checkPolicy(String policy, Order o) {
        boolean confirmed = o.status() == OrderStatus.CONFIRMED
                || (o.status() == OrderStatus.ON_HOLD && o.state().statusBeforeHold == OrderStatus.CONFIRMED);
        if ("before_confirmation".equals(policy) && confirmed) {
            throw DomainException.conflict("order.blocked.cancellation_policy", "This tenant does not allow cancelling confirmed orders",
                    "Create a return once the order is delivered, or change the tenant's cancellation_policy.");
        }
    }

    // ---- saga steps ------------------------------------------------------------------------------------------------

    /** Releases the inventory reserved for the cancelled quantities. */
    public Map<String, Object> releaseReservations(String tenantId, String orderId, String cancellationId) {
        Order order = load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        if (c.hasDone(STEP_RELEASED)) return c.action(STEP_RELEASED).detail();
        // stock is reserved by fulfilments: a partial cancellation releases what the open fulfilments it cancels hold
        List<Fulfillment> toCancel = OrderFulfillment.toCancelFor(order, c);
        List<SkuQuantity> request = c.scope().equals(Cancellation.FULL) ? List.of()
                : OrderFulfillment.unitsBySku(order, toCancel).entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList();
        List<SkuQuantity> released = c.scope().equals(Cancellation.FULL) || !request.isEmpty()
                ? inventory.release(tenantId, orderId, request, cancellationId + ":release") : List.of();
        return record(tenantId, orderId, cancellationId, STEP_RELEASED, Map.of("released", quantities(released),
                "fulfillments", toCancel.stream().map(Fulfillment::id).toList()));
    }

    /**
     * Cancels the open fulfilments that hold the cancelled units (all open ones for a whole order), as planned by the
     * release step, whose release covered their reservations.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> cancelFulfillments(String tenantId, String orderId, String cancellationId) {
        Order order = load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        if (c.hasDone(STEP_FULFILLMENTS)) return c.action(STEP_FULFILLMENTS).detail();
        Object planned = c.hasDone(STEP_RELEASED) ? c.action(STEP_RELEASED).detail().get("fulfillments") : null;
        List<String> ids = planned instanceof List<?> l ? (List<String>) l : OrderFulfillment.toCancelFor(order, c).stream().map(Fulfillment::id).toList();
        List<String> cancelled = new ArrayList<>();
        // a fulfilment and its event per cancellation: batches keep each transaction well under 100 items
        for (int from = 0; from < ids.size(); from += FULFILLMENT_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + FULFILLMENT_BATCH));
            cancelled.addAll(tx.mutate(ctx(tenantId), orderId, false, o -> {
                List<String> done = new ArrayList<>();
                for (String id : batch) {
                    if (o.child(Fulfillment.class, id).map(f -> f.status().isOpen()).orElse(false)) {
                        OrderFulfillment.cancel(o, id, "Order cancellation " + cancellationId, clock.instant());
                        done.add(id);
                    }
                }
                return done;
            }));
        }
        return record(tenantId, orderId, cancellationId, STEP_FULFILLMENTS, Map.of("cancelled", cancelled));
    }

    /**
     * Gives the money back when the request asked for it: uncaptured authorizations are voided, captured amounts are
     * refunded, payment by payment, until the cancellation's refund amount is covered. Each refund is allocated to the
     * lines (and shipping) it pays back by largest remainder, so the allocations sum exactly to the refund.
     */
    public Map<String, Object> settlePayments(String tenantId, String orderId, String cancellationId) {
        Order order = load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        if (c.hasDone(STEP_PAYMENTS)) return c.action(STEP_PAYMENTS).detail();
        String currency = order.state().currency;
        List<Map<String, Object>> operations = new ArrayList<>();
        long left = c.refund() ? c.refundAmount() : 0;
        for (PaymentReference ref : order.state().payments) {
            if (left == 0) break;
            Map<String, Object> done = settlePayment(tenantId, orderId, c, ref.paymentId(), currency, left);
            if (done == null) continue;
            left -= ((Number) done.get("amount")).longValue();
            operations.add(done);
        }
        long given = (c.refund() ? c.refundAmount() : 0) - left;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requested", c.refund());
        detail.put("currency", currency);
        detail.put("amount", given);
        detail.put("shortfall", left);
        detail.put("operations", operations);
        detail.put("allocation", allocate(given, c.refundByLine()));
        return record(tenantId, orderId, cancellationId, STEP_PAYMENTS, detail);
    }

    /**
     * One payment's part of the settlement, safe to repeat: the intended operation is recorded before the payment
     * service is called, so a retry after a crash replays the same operation (same key, same amount) instead of
     * deciding again from a status that the first attempt already changed.
     */
    private Map<String, Object> settlePayment(String tenantId, String orderId, Cancellation c, String paymentId, String currency, long left) {
        String doneStep = "payment.settled:" + paymentId;
        String plannedStep = "payment.planned:" + paymentId;
        Order current = load(tenantId, orderId);
        Cancellation now = current.cancellation(c.id());
        if (now.hasDone(doneStep)) return now.action(doneStep).detail();
        Map<String, Object> plan = now.hasDone(plannedStep) ? now.action(plannedStep).detail()
                : plan(tenantId, paymentId, currency, left, current.money().ledger().refundable());
        if (plan == null) return null;
        if (!now.hasDone(plannedStep)) record(tenantId, orderId, c.id(), plannedStep, plan);
        String kind = (String) plan.get("kind");
        Money amount = Money.of(((Number) plan.get("amount")).longValue(), currency);
        String key = c.id() + ":" + paymentId;
        PaymentGateway.Operation op = kind.equals("void")
                ? payments.voidAuthorization(tenantId, paymentId, amount, key)
                : payments.refund(tenantId, paymentId, amount, key);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("payment_id", paymentId);
        done.put("kind", op.kind());
        done.put("id", op.id());
        done.put("amount", op.amount().minor());
        tx.mutate(ctx(tenantId), orderId, false, o -> {
            boolean first = o.recordCancellationStep(c.id(), doneStep, done, clock.instant());
            if (first && op.kind().equals("refund")) recordRefund(o, c, op);
            return first;
        });
        return done;
    }

    /** A refund the saga made is a refund record too, allocated like the cancellation, so the balances agree. */
    private void recordRefund(Order o, Cancellation c, PaymentGateway.Operation op) {
        Map<String, Long> allocation = new LinkedHashMap<>();
        allocate(op.amount().minor(), c.refundByLine()).forEach((k, v) -> allocation.put(k, ((Number) v).longValue()));
        o.refunds().recordCancellationRefund("rf_" + op.id(), c.id(), c.scope().equals(Cancellation.FULL), op.paymentId(), op.id(),
                op.amount().minor(), allocation, clock.instant());
    }

    /**
     * Void what is authorized and not captured; refund what is captured and not refunded, never more than the order
     * still holds (refunds and store credit given earlier count); nothing otherwise.
     */
    private Map<String, Object> plan(String tenantId, String paymentId, String currency, long left, long orderRefundable) {
        PaymentGateway.PaymentStatus st = payments.status(tenantId, paymentId);
        if (st.amount() == null || !st.amount().currency().equals(currency)) return null;
        String kind;
        long amount;
        if (st.state() == PaymentGateway.State.AUTHORIZED && st.captured() == 0 && st.openAuthorization() > 0) {
            kind = "void";
            amount = Math.min(left, st.openAuthorization());
        } else if (Math.min(st.captured() - st.refunded(), orderRefundable) > 0) {
            kind = "refund";
            amount = Math.min(left, Math.min(st.captured() - st.refunded(), orderRefundable));
        } else {
            return null;
        }
        return Map.of("kind", kind, "amount", amount);
    }

    /** Puts the cancelled units back into sellable stock when the request asked for it. */
    public Map<String, Object> restock(String tenantId, String orderId, String cancellationId) {
        Order order = load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        if (c.hasDone(STEP_RESTOCKED)) return c.action(STEP_RESTOCKED).detail();
        List<SkuQuantity> units = c.restock() ? skus(order, c) : List.of();
        if (!units.isEmpty()) inventory.restock(tenantId, units, cancellationId + ":restock");
        return record(tenantId, orderId, cancellationId, STEP_RESTOCKED, Map.of("requested", c.restock(), "restocked", quantities(units)));
    }

    /** Marks the order cancelled (or takes the cancelled quantities off its lines). */
    public Map<String, Object> complete(String tenantId, String orderId, String cancellationId) {
        Order order = tx.mutate(ctx(tenantId), orderId, false, o -> { o.completeCancellation(cancellationId, clock.instant()); return o; });
        return Map.of("status", order.status().wire(), "total", order.totals().total());
    }

    /**
     * A step failed for good: re-reserve what was released, put the order back to where it was with a hold, and open a
     * repair item saying what failed. Money already refunded cannot be taken back: the repair item says so.
     */
    public Map<String, Object> compensate(String tenantId, String orderId, String cancellationId, String failedStep, String failure) {
        Order order = load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        String problem = failure;
        if (c.hasDone(STEP_RELEASED) && !c.hasDone(STEP_RESERVATIONS_RESTORED)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> released = (Map<String, Object>) c.action(STEP_RELEASED).detail().get("released");
            List<SkuQuantity> back = new ArrayList<>();
            released.forEach((sku, n) -> back.add(new SkuQuantity(sku, ((Number) n).longValue())));
            try {
                if (!back.isEmpty()) inventory.reserve(tenantId, orderId, back, cancellationId + ":restore");
                record(tenantId, orderId, cancellationId, STEP_RESERVATIONS_RESTORED, Map.of("reserved", quantities(back)));
            } catch (RuntimeException e) {
                problem = failure + "; the released reservations could not be restored: " + e.getMessage();
            }
        }
        if (c.hasDone(STEP_PAYMENTS) && ((Number) c.action(STEP_PAYMENTS).detail().get("amount")).longValue() > 0) {
            problem = problem + "; money was already given back (" + c.action(STEP_PAYMENTS).detail().get("amount") + ")";
        }
        String why = problem;
        Hold hold = tx.mutate(ctx(tenantId), orderId, false, o -> o.compensateCancellation(cancellationId, why, ids.next("hold"), clock.instant()));
        openRepair(tenantId, orderId, cancellationId, failedStep, why);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("compensated", true);
        out.put("failure", why);
        if (hold != null) out.put("hold_id", hold.id());
        return out;
    }

    /** The last resort when compensation itself failed: a repair item, so a person finishes the job. */
    public Map<String, Object> parkForRepair(String tenantId, String orderId, String cancellationId, String failedStep, String failure) {
        openRepair(tenantId, orderId, cancellationId, failedStep, "compensation failed: " + failure);
        return Map.of("parked", true);
    }

    private void openRepair(String tenantId, String orderId, String cancellationId, String failedStep, String failure) {
        var now = clock.instant();
        repairs.open(new RepairItem("rep_" + cancellationId.substring(cancellationId.indexOf('_') + 1), tenantId, orderId, cancellationId,
                "cancellation_failed", failedStep, failure, "open", now, now, 1, List.of()));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    Map<String, Object> record(String tenantId, String orderId, String cancellationId, String step, Map<String, Object> detail) {
        tx.mutate(ctx(tenantId), orderId, false, o -> o.recordCancellationStep(cancellationId, step, detail, clock.instant()));
        return detail;
    }

    Order load(String tenantId, String orderId) { return tx.get(ctx(tenantId), orderId); }

    private static CommandContext ctx(String tenantId) {
        return new CommandContext(sagaCaller(tenantId), null, null, null, null);
    }

    private static List<SkuQuantity> skus(Order order, Cancellation c) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (Cancellation.LineQuantity q : c.lines()) {
            OrderLine line = order.line(q.lineId());
            bySku.merge(line.sku(), q.quantity(), Long::sum);
        }
        return bySku.entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, Object> quantities(List<SkuQuantity> q) {
        Map<String, Object> m = new LinkedHashMap<>();
        q.forEach(x -> m.merge(x.sku(), x.quantity(), (a, b) -> ((Long) a) + ((Long) b)));
        return m;
    }

    /** Splits an amount over the refund's lines in proportion to what each line gives back (largest remainder). */
    static Map<String, Object> allocate(long amount, Map<String, Long> byLine) {
        List<String> keys = new ArrayList<>(byLine.keySet());
        long[] weights = keys.stream().mapToLong(byLine::get).toArray();
        long[] parts = keys.isEmpty() ? new long[0] : Allocation.largestRemainder(amount, weights);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), parts[i]);
        return out;
    }

    static String email(Order order) {
        for (Address a : new Address[] {order.state().billingAddress, order.state().shippingAddress}) {
            if (a != null && a.email() != null) return a.email();
        }
        return null;
    }
}
