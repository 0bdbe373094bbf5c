package dev.oms.app;

import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.app.security.Caller;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditPreview;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderEdit;
import dev.oms.domain.order.OrderEdits;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.RefundLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of the edit-order saga ({@code statemachines/edit-order.asl.json}), started by
 * {@code order.edit_settlement_requested}: release the reservations of the open fulfilments the edit cancelled, settle
 * the edit's money plan (capture the additional amount on the new
 * payments of an order that was paid in full, void open authorizations, refund captured money, payment by payment),
 * then mark the edit completed. Every payment operation is recorded as planned before the payment service is called
 * and carries a key derived from the edit, so a retried step never moves money twice. When a step fails for good,
 * {@link #compensate} puts the order back as it was before the edit, with a hold and a repair item.
 */
public final class OrderEditSaga {
    public static final String STEP_PAYMENTS = "payments.settled";
    public static final String STEP_RELEASED = "inventory.released";
    public static final String STEP_RESERVATIONS_RESTORED = "inventory.reservations_restored";

    private final OrderTransactions tx;
    private final PaymentGateway payments;
    private final InventoryService inventory;
    private final RepairQueue repairs;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderEditSaga(OrderTransactions tx, PaymentGateway payments, InventoryService inventory, RepairQueue repairs, IdGenerator ids,
                         Clock clock) {
        this.tx = tx;
        this.payments = payments;
        this.inventory = inventory;
        this.repairs = repairs;
        this.ids = ids;
        this.clock = clock;
    }

    public static Caller sagaCaller(String tenantId) {
        return new Caller(tenantId, "edit-order-saga", "system", Set.of("service"), null, null);
    }

    /** Releases the reservations of the open fulfilments the edit cancelled (their units, by SKU), once. */
    public Map<String, Object> releaseReservations(String tenantId, String orderId, String editId) {
        OrderEdit edit = edit(tenantId, orderId, editId);
        if (edit.hasDone(STEP_RELEASED)) return edit.action(STEP_RELEASED).detail();
        List<String> cancelled = edit.preview().fulfillmentsToCancel();
        Map<String, Long> bySku = new LinkedHashMap<>();
        if (!cancelled.isEmpty()) {
            Order order = tx.get(ctx(tenantId), orderId);
            Map<String, String> skus = new LinkedHashMap<>();
            edit.before().lines().forEach(l -> skus.put(l.id(), l.sku()));
            for (String id : cancelled) {
                order.child(Fulfillment.class, id).ifPresent(f -> f.lines().forEach(l -> bySku.merge(skus.getOrDefault(l.lineId(), l.lineId()),
                        l.quantity(), Math::addExact)));
            }
        }
        List<InventoryService.SkuQuantity> request = bySku.entrySet().stream().map(e -> new InventoryService.SkuQuantity(e.getKey(), e.getValue())).toList();
        List<InventoryService.SkuQuantity> released = request.isEmpty() ? List.of() : inventory.release(tenantId, orderId, request, editId + ":release");
        Map<String, Object> quantities = new LinkedHashMap<>();
        released.forEach(q -> quantities.merge(q.sku(), q.quantity(), (a, b) -> ((Long) a) + ((Long) b)));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fulfillments", cancelled);
        detail.put("released", quantities);
        record(tenantId, orderId, editId, STEP_RELEASED, detail);
        return detail;
    }

    /** Captures, voids and refunds what the edit's money plan says, each once. */
    public Map<String, Object> settlePayments(String tenantId, String orderId, String editId) {
        OrderEdit edit = edit(tenantId, orderId, editId);
        if (edit.hasDone(STEP_PAYMENTS)) return edit.action(STEP_PAYMENTS).detail();
        EditPreview.MoneyPlan plan = edit.preview().moneyPlan();
        String currency = edit.preview().currency();
        List<Map<String, Object>> done = new ArrayList<>();
        long toCapture = plan.additionalCapture();
        for (PaymentReference np : edit.newPayments()) {
            if (toCapture <= 0) break;
            long amount = Math.min(toCapture, np.amount().minor() - np.captured());
            if (amount <= 0) continue;
            done.add(operate(tenantId, orderId, editId, np.paymentId(), "capture", amount, currency));
            toCapture -= amount;
        }
        for (EditPreview.PaymentOperation op : plan.operations()) {
            done.add(operate(tenantId, orderId, editId, op.paymentId(), op.kind(), op.amount(), currency));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("currency", currency);
        detail.put("captured", sum(done, "capture"));
        detail.put("voided", sum(done, "void"));
        detail.put("refunded", sum(done, "refund"));
        detail.put("operations", done);
        record(tenantId, orderId, editId, STEP_PAYMENTS, detail);
        return detail;
    }

    /**
     * One payment operation, safe to repeat: recorded as planned first, then done under a key derived from the edit, then
     * recorded as done with what the payment service answered (and on the order's payments and refunds).
     */
    private Map<String, Object> operate(String tenantId, String orderId, String editId, String paymentId, String kind, long amount, String currency) {
        String doneStep = "payment." + kind + ":" + paymentId;
        OrderEdit now = edit(tenantId, orderId, editId);
        if (now.hasDone(doneStep)) return now.action(doneStep).detail();
        String key = editId + ":" + kind + ":" + paymentId;
        Money money = Money.of(amount, currency);
        Order before = tx.get(ctx(tenantId), orderId);
        long capturedBefore = before.money().require(paymentId).captured();
        PaymentGateway.Operation op = switch (kind) {
            case "capture" -> payments.capture(tenantId, paymentId, money, key);
            case "void" -> payments.voidAuthorization(tenantId, paymentId, money, key);
            case "refund" -> payments.refund(tenantId, paymentId, money, key);
            default -> throw new IllegalArgumentException("unknown payment operation " + kind);
        };
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("payment_id", paymentId);
        detail.put("kind", kind);
        detail.put("id", op.id());
        detail.put("amount", op.amount().minor());
        tx.mutate(ctx(tenantId), orderId, false, o -> {
            OrderEdits edits = new OrderEdits(o);
            boolean first = edits.recordStep(editId, doneStep, detail, clock.instant());
            if (!first) return false;
            switch (kind) {
                case "capture" -> o.money().recordCapture(paymentId, capturedBefore, op.amount().minor(), op.id(), clock.instant());
                case "void" -> edits.recordVoid(paymentId, op.amount().minor(), clock.instant());
                default -> o.refunds().recordEditRefund("rf_" + op.id(), editId, paymentId, op.id(), op.amount().minor(),
                        allocation(edits.require(editId).preview(), op.amount().minor()), clock.instant());
            }
            return true;
        });
        return detail;
    }

    public Map<String, Object> complete(String tenantId, String orderId, String editId) {
        Order order = tx.mutate(ctx(tenantId), orderId, false, o -> { new OrderEdits(o).complete(editId, clock.instant()); return o; });
        return Map.of("state", new OrderEdits(order).require(editId).state(), "total", order.totals().total());
    }

    /** Puts the order back as before the edit, with a hold and a repair item that says what failed. */
    public Map<String, Object> compensate(String tenantId, String orderId, String editId, String failedStep, String failure) {
        OrderEdit edit = edit(tenantId, orderId, editId);
        long moved = 0;
        for (var a : edit.actions()) {
            if (a.step().startsWith("payment.") && a.detail().get("amount") instanceof Number n) moved += n.longValue();
        }
        String why = moved > 0 ? failure + "; money already moved for this edit: " + moved : failure;
        if (edit.hasDone(STEP_RELEASED) && !edit.hasDone(STEP_RESERVATIONS_RESTORED)) {
            why = why + restoreReservations(tenantId, orderId, edit);
        }
        String reason = why;
        Hold hold = tx.mutate(ctx(tenantId), orderId, false, o -> new OrderEdits(o).compensate(editId, reason, ids.next("hold"), clock.instant()));
        openRepair(tenantId, orderId, editId, failedStep, reason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("compensated", true);
        out.put("failure", reason);
        if (hold != null) out.put("hold_id", hold.id());
        return out;
    }

    /**
     * Reserves again what the release step released (the cancelled fulfilments stay cancelled: their units are
     * unfulfilled again and need a new fulfilment); answers a note for the failure.
     */
    @SuppressWarnings("unchecked")
    private String restoreReservations(String tenantId, String orderId, OrderEdit edit) {
        Object released = edit.action(STEP_RELEASED).detail().get("released");
        List<InventoryService.SkuQuantity> request = new java.util.ArrayList<>();
        if (released instanceof Map<?, ?> m) m.forEach((k, v) -> request.add(new InventoryService.SkuQuantity((String) k, ((Number) v).longValue())));
        if (!request.isEmpty()) inventory.reserve(tenantId, orderId, request, edit.id() + ":restore");
        record(tenantId, orderId, edit.id(), STEP_RESERVATIONS_RESTORED, Map.of("reserved", released == null ? Map.of() : released));
        List<String> cancelled = edit.preview().fulfillmentsToCancel();
        return cancelled.isEmpty() ? "" : "; fulfilments " + cancelled + " stay cancelled: fulfil their units again";
    }

    public Map<String, Object> parkForRepair(String tenantId, String orderId, String editId, String failedStep, String failure) {
        openRepair(tenantId, orderId, editId, failedStep, "compensation failed: " + failure);
        return Map.of("parked", true);
    }

    private void openRepair(String tenantId, String orderId, String editId, String failedStep, String failure) {
        var now = clock.instant();
        repairs.open(new RepairItem("rep_" + editId.substring(editId.indexOf('_') + 1), tenantId, orderId, editId,
                "edit_failed", failedStep, failure, "open", now, now, 1, List.of()));
    }

    /** A refund is spread over what the edit took off (lines and shipping), by largest remainder. */
    static Map<String, Long> allocation(EditPreview p, long amount) {
        Map<String, Long> weights = new LinkedHashMap<>();
        for (EditPreview.LineDelta d : p.lines()) if (d.delta() < 0) weights.put(d.lineId(), -d.delta());
        if (p.shippingDelta() < 0) weights.put(RefundLine.SHIPPING, -p.shippingDelta());
        Map<String, Long> out = new LinkedHashMap<>();
        CancellationService.allocate(amount, weights).forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    private static long sum(List<Map<String, Object>> ops, String kind) {
        return ops.stream().filter(o -> kind.equals(o.get("kind"))).mapToLong(o -> ((Number) o.get("amount")).longValue()).sum();
    }

    private void record(String tenantId, String orderId, String editId, String step, Map<String, Object> detail) {
        tx.mutate(ctx(tenantId), orderId, false, o -> new OrderEdits(o).recordStep(editId, step, detail, clock.instant()));
    }

    private OrderEdit edit(String tenantId, String orderId, String editId) {
        return new OrderEdits(tx.get(ctx(tenantId), orderId)).require(editId);
    }

    private static CommandContext ctx(String tenantId) { return new CommandContext(sagaCaller(tenantId), null, null, null, null); }
}
