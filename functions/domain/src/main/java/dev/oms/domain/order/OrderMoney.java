package dev.oms.domain.order;

import static dev.oms.domain.order.Order.data;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payments of one order: linking a payment the payment service holds (applied to the whole order or to some
 * lines), unlinking one, and recording captures. The payment status and balance due follow every change.
 */
public final class OrderMoney {
    public static final int MAX_PAYMENTS = 20;
    private static final Set<OrderStatus> LINKABLE = EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING,
            OrderStatus.CONFIRMED, OrderStatus.ON_HOLD, OrderStatus.COMPLETED);

    private final Order order;
    private final OrderState s;

    OrderMoney(Order order) {
        this.order = order;
        this.s = order.state();
    }

    public MoneyLedger ledger() { return new MoneyLedger(s); }

    public PaymentReference require(String paymentId) {
        return s.payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("payment.not_found", "Order " + s.id + " has no payment " + paymentId));
    }

    /** Settlements per order (a payment settles in a few payouts at most). */
    public static final int MAX_SETTLEMENTS = 50;

    /** The settlements linked to a payment, oldest first. */
    public List<PaymentSettlement> settlements(String paymentId) {
        return s.settlements.stream().filter(x -> x.paymentId().equals(paymentId)).toList();
    }

    /**
     * Checks a settlement before it is linked to a payment: the payment is the order's, the amounts are in the order's
     * currency (the fee at most the gross), the reference is new for the payment, and the order has room.
     */
    public void checkSettlement(String paymentId, String reference, Money gross, Money fee) {
        require(paymentId);
        if (!gross.currency().equals(s.currency) || (fee != null && !fee.currency().equals(s.currency))) {
            throw DomainException.invalidField("settlement.amount.currency", "currency.mismatch", "The order is in " + s.currency
                    + ", the settlement in " + (gross.currency().equals(s.currency) ? fee.currency() : gross.currency()));
        }
        if (fee != null && fee.minor() > gross.minor()) {
            throw DomainException.invalidField("settlement.fee", "settlement.fee_exceeds_amount", "The fee is more than the settled amount");
        }
        if (s.settlements.stream().anyMatch(x -> x.paymentId().equals(paymentId) && x.reference().equals(reference))) {
            throw DomainException.conflict("settlement.already_linked", "Settlement " + reference + " is already linked to payment " + paymentId,
                    "Nothing to do: the order's reconciliation shows it.").with("reference", reference);
        }
        if (s.settlements.size() >= MAX_SETTLEMENTS) {
            throw DomainException.conflict("settlement.too_many", "An order holds at most " + MAX_SETTLEMENTS + " settlements", "Nothing more can be linked.");
        }
    }

    /**
     * Links a settlement to a payment ({@code payment.settlement_linked}, with what the payment's settlements now add up
     * to against what it captured less refunded).
     */
    public PaymentSettlement linkSettlement(String paymentId, String reference, Money gross, Money fee, Instant settledAt,
                                            List<PaymentSettlement.Evidence> evidence, String actor, Instant now) {
        checkSettlement(paymentId, reference, gross, fee);
        PaymentSettlement linked = new PaymentSettlement(paymentId, reference, gross.minor(), fee == null ? 0 : fee.minor(), settledAt, evidence, actor, now);
        List<PaymentSettlement> all = new ArrayList<>(s.settlements);
        all.add(linked);
        s.settlements = List.copyOf(all);
        PaymentReference p = require(paymentId);
        long settled = settled(paymentId);
        Map<String, Object> d = new LinkedHashMap<>(data("payment_id", paymentId, "reference", reference, "amount", linked.gross(),
                "fee", linked.fee(), "net", linked.net(), "currency", s.currency));
        d.put("settled_at", settledAt.toString());
        d.put("evidence", evidence.stream().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("type", e.type());
            x.put("reference", e.reference());
            x.put("url", e.url());
            return x;
        }).toList());
        d.put("settled_total", settled);
        d.put("expected", p.captured() - p.refunded());
        d.put("difference", settled - (p.captured() - p.refunded()));
        order.touch(now);
        order.record("payment.settlement_linked", d);
        return linked;
    }

    /** What the payment's linked settlements add up to (gross). */
    public long settled(String paymentId) {
        long n = 0;
        for (PaymentSettlement x : s.settlements) if (x.paymentId().equals(paymentId)) n = Math.addExact(n, x.gross());
        return n;
    }

    /** What the linked payments are applied for in all (so no order is paid for twice). */
    public long linkedTotal() {
        long n = 0;
        for (PaymentReference p : s.payments) if (!p.isVoidedOrDeclined()) n += p.amount().minor() - p.refunded();
        return n;
    }

    /**
     * Links a payment for {@code amount}, applied to lines when {@code applied} names them (each at most what the line
     * is worth, together at most the amount). The payments together may not exceed what the order still owes.
     */
    public PaymentReference link(String paymentId, Money amount, Map<String, Long> applied, String status, long captured, Instant now) {
        if (!LINKABLE.contains(s.status)) {
            throw DomainException.conflict("payment.order_not_payable", "A " + s.status.wire() + " order takes no new payments",
                    "Payments can be linked to created, pending, confirmed, on-hold and completed orders.");
        }
        if (!amount.currency().equals(s.currency)) {
            throw DomainException.invalidField("amount.currency", "currency.mismatch", "The order is in " + s.currency + ", not " + amount.currency());
        }
        if (s.payments.stream().anyMatch(p -> p.paymentId().equals(paymentId))) {
            throw DomainException.conflict("payment.already_linked", "Payment " + paymentId + " is already linked to order " + s.id,
                    "Read it at /v1/orders/" + s.id + "/payments/" + paymentId + ".");
        }
        if (s.payments.size() >= MAX_PAYMENTS) {
            throw DomainException.conflict("payment.too_many", "An order holds at most " + MAX_PAYMENTS + " payments", "Unlink one first.");
        }
        long owed = MoneyLedger.amountOwed(s, order.totals().total());
        long room = owed - linkedTotal();
        if (amount.minor() > room) {
            throw DomainException.unprocessable("payment.exceeds_order_total", "The order needs " + Math.max(0, room)
                    + " more, the payment would apply " + amount.minor(), "Link the payment for at most what is still open.")
                    .with("open_amount", Math.max(0, room));
        }
        checkApplications(amount, applied);
        PaymentReference ref = new PaymentReference(paymentId, amount, status, Math.min(captured, amount.minor()), 0, applied);
        List<PaymentReference> pays = new ArrayList<>(s.payments);
        pays.add(ref);
        s.payments = List.copyOf(pays);
        order.refreshPaymentStatus();
        order.touch(now);
        order.record("payment.linked", paymentData(ref));
        return ref;
    }

    private void checkApplications(Money amount, Map<String, Long> applied) {
        Map<String, Long> due = new MoneyLedger(s).due();
        long sum = 0;
        int i = 0;
        for (Map.Entry<String, Long> e : applied.entrySet()) {
            String field = "apply_to_lines[" + i++ + "]";
            if (!due.containsKey(e.getKey())) throw DomainException.notFound("order.line_not_found", "No line " + e.getKey() + " on order " + s.id);
            if (e.getValue() <= 0 || e.getValue() > due.get(e.getKey())) {
                throw DomainException.invalidField(field + ".amount", "payment.application_exceeds_line",
                        "Line " + e.getKey() + " is worth " + due.get(e.getKey()) + "; apply between 1 and that");
            }
            sum += e.getValue();
        }
        if (sum > amount.minor()) {
            throw DomainException.invalidField("apply_to_lines", "payment.applications_exceed_amount",
                    "The applications add up to " + sum + ", more than the payment's " + amount.minor());
        }
    }

    /**
     * Unlinks a payment that holds no captured money for the order (captured less refunded is zero, and no pending
     * refund plans to take from it): money that was captured must be refunded first, so the books stay balanced.
     */
    public PaymentReference unlink(String paymentId, String reason, Instant now) {
        PaymentReference ref = require(paymentId);
        if (ref.refundable() > 0) {
            throw DomainException.conflict("payment.captured_funds_applied", "Payment " + paymentId + " still has "
                    + ref.refundable() + " captured for this order", "Refund the captured amount first, then unlink it.")
                    .with("captured_unrefunded", ref.refundable());
        }
        boolean planned = order.children(Refund.class).stream().anyMatch(r -> r.isPending() && r.sharePlannedFor(paymentId) > 0);
        if (planned) {
            throw DomainException.conflict("payment.refund_pending", "A pending refund takes money from payment " + paymentId,
                    "Wait for the refund to finish.");
        }
        List<PaymentReference> pays = new ArrayList<>(s.payments);
        pays.remove(ref);
        s.payments = List.copyOf(pays);
        order.refreshPaymentStatus();
        order.touch(now);
        Map<String, Object> d = paymentData(ref);
        d.put("reason", reason);
        order.record("payment.unlinked", d, reason);
        return ref;
    }

    /** At most what the payment is authorized for and not yet captured, for this order. */
    public void checkCapture(String paymentId, long amount) {
        PaymentReference ref = require(paymentId);
        if (ref.isVoidedOrDeclined()) {
            throw DomainException.conflict("payment.not_capturable", "Payment " + paymentId + " is " + ref.status(), "Link a new payment.");
        }
        if (amount > ref.capturable()) {
            throw DomainException.unprocessable("payment.capture_exceeds_authorized", "Payment " + paymentId + " has "
                    + ref.capturable() + " left to capture, asked " + amount, "Capture at most the authorized amount not yet captured.")
                    .with("capturable", ref.capturable());
        }
    }

    /**
     * Records a capture the payment service made; {@code capturedBefore} is what the OMS had seen when it asked, so the
     * same capture recorded twice (a retried request) counts once.
     */
    public PaymentReference recordCapture(String paymentId, long capturedBefore, long amount, String operationId, Instant now) {
        PaymentReference ref = require(paymentId);
        if (ref.captured() != capturedBefore) return ref;
        PaymentReference next = ref.capture(Math.min(amount, ref.capturable()));
        replace(next);
        order.refreshPaymentStatus();
        order.touch(now);
        Map<String, Object> d = paymentData(next);
        d.put("captured_now", amount);
        d.put("operation_id", operationId);
        order.record("payment.captured", d);
        return next;
    }

    private void replace(PaymentReference ref) {
        List<PaymentReference> pays = new ArrayList<>(s.payments);
        for (int i = 0; i < pays.size(); i++) if (pays.get(i).paymentId().equals(ref.paymentId())) pays.set(i, ref);
        s.payments = List.copyOf(pays);
    }

    private Map<String, Object> paymentData(PaymentReference p) {
        Map<String, Object> d = data("payment_id", p.paymentId(), "amount", p.amount().minor(), "currency", p.amount().currency(),
                "status", p.status(), "captured", p.captured(), "refunded", p.refunded(), "payment_status", s.paymentStatus,
                "balance_due", order.balanceDue());
        d.put("applied", new LinkedHashMap<>(p.applied()));
        return d;
    }
}
