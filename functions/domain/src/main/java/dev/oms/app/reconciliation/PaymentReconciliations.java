package dev.oms.app.reconciliation;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.PaymentSettlement;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles an order's payment with the payment service (issue 13, {@code POST /v1/admin/payments/{id}/reconcile} and
 * {@code POST /v1/admin/orders/{id}/reconcile}): asks the service for the payment as it is ({@link PaymentGateway#status})
 * and compares its state, captured and refunded amounts with the order's record of it. Applying takes only the
 * provider's truth that explains itself and moves no money: a state the service reports ({@code order.payment_updated},
 * source {@code reconciliation}) and a capture the service made that the order has not recorded ({@code payment.captured}).
 * What the order cannot explain — refunds it did not issue, captures the service does not know, a payment the service
 * does not know — is answered as a difference for an agent ({@code needs_agent}) and never written.
 *
 * <p>An agent may also link an external settlement to the payment ({@link SettlementLink}: the service's payout or the
 * bank's statement line, with its evidence): it is checked (the order's currency, a new reference) and recorded with
 * the payment ({@code payment.settlement_linked}) in the same write; a dry run only checks it.
 */
public final class PaymentReconciliations {
    public static final String APPLIED = "applied", NEEDS_AGENT = "needs_agent", WOULD_APPLY = "would_apply";

    private final OrderTransactions tx;
    private final PaymentGateway gateway;
    private final Clock clock;

    public PaymentReconciliations(OrderTransactions tx, PaymentGateway gateway, Clock clock) {
        this.tx = tx;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** One difference: the field, the order's value, the service's, and what was done about it. */
    public record Difference(String field, String oms, String provider, String action) { }

    /** The order after (or, dry, as it is), the payment as the service reports it, and the differences found. */
    public record Result(Order order, String paymentId, PaymentGateway.PaymentStatus provider, PaymentReference before,
                         List<Difference> differences, boolean dryRun, SettlementLink settlement) {
        public boolean balanced() { return differences.isEmpty(); }
    }

    /**
     * An external settlement to link to the payment: the payout's or statement line's {@code reference}, what it settled
     * of this payment ({@code amount}) and the service's {@code fee} (null: none), when, and at least one piece of evidence.
     */
    public record SettlementLink(String reference, Money amount, Money fee, Instant settledAt, List<PaymentSettlement.Evidence> evidence) { }

    public Result reconcile(CommandContext ctx, String orderId, String paymentId, boolean dryRun) { return reconcile(ctx, orderId, paymentId, dryRun, null); }

    public Result reconcile(CommandContext ctx, String orderId, String paymentId, boolean dryRun, SettlementLink settlement) {
        Order current = tx.get(ctx, orderId);
        PaymentReference ref = current.state().payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("payment.not_found", "Payment " + paymentId + " is not linked to order " + orderId));
        if (settlement != null) current.money().checkSettlement(paymentId, settlement.reference(), settlement.amount(), settlement.fee());
        PaymentGateway.PaymentStatus st = gateway.status(ctx.tenantId(), paymentId);
        List<Difference> diffs = differences(ref, st, dryRun);
        boolean apply = !dryRun && (settlement != null || diffs.stream().anyMatch(d -> APPLIED.equals(d.action())));
        if (!apply) return new Result(current, paymentId, st, ref, diffs, dryRun, settlement);
        String status = providerStatus(st);
        boolean applyStatus = diffs.stream().anyMatch(d -> d.field().equals("status") && APPLIED.equals(d.action()));
        return tx.mutate(ctx, orderId, true, o -> {
            // the capture first (it books the amount and moves the state), then a state it does not explain
            PaymentReference now = o.money().require(paymentId);
            if (!shared(now, st) && st.captured() > now.captured()) {
                o.money().recordCapture(paymentId, now.captured(), st.captured() - now.captured(), "reconciliation", clock.instant());
            }
            if (applyStatus && !status.equals(o.money().require(paymentId).status())) {
                o.updatePayment(paymentId, status, null, "reconciliation", clock.instant());
            }
            if (settlement != null) {
                o.money().linkSettlement(paymentId, settlement.reference(), settlement.amount(), settlement.fee(), settlement.settledAt(),
                        settlement.evidence(), ctx.caller().actor().id(), clock.instant());
            }
            return new Result(o, paymentId, st, ref, diffs, false, settlement);
        });
    }

    /** Every payment of the order, reconciled the same way. */
    public List<Result> reconcileOrder(CommandContext ctx, String orderId, boolean dryRun) {
        List<Result> out = new ArrayList<>();
        // several commits: the idempotent answer is the whole list, completed once they all ran
        CommandContext each = ctx.onLatestVersion().withoutJournal();
        for (PaymentReference p : tx.get(ctx, orderId).state().payments) out.add(reconcile(each, orderId, p.paymentId(), dryRun));
        return out;
    }

    static List<Difference> differences(PaymentReference ref, PaymentGateway.PaymentStatus st, boolean dryRun) {
        List<Difference> out = new ArrayList<>();
        String fix = dryRun ? WOULD_APPLY : APPLIED;
        if (st.state() == PaymentGateway.State.NOT_FOUND || st.amount() == null) {
            out.add(new Difference("payment", ref.status(), "not_found", NEEDS_AGENT));
            return out;
        }
        String status = providerStatus(st);
        if (status != null && !status.equals(ref.status())) {
            // a refunded state the order's own refunds do not explain is for an agent: applying it would book refunds
            boolean unexplainedRefund = st.refunded() > ref.refunded();
            out.add(new Difference("status", ref.status(), status, unexplainedRefund ? NEEDS_AGENT : fix));
        }
        if (!shared(ref, st)) {
            if (st.captured() > ref.captured()) out.add(new Difference("captured", Long.toString(ref.captured()), Long.toString(st.captured()), fix));
            if (st.captured() < ref.captured()) out.add(new Difference("captured", Long.toString(ref.captured()), Long.toString(st.captured()), NEEDS_AGENT));
            if (st.refunded() != ref.refunded()) out.add(new Difference("refunded", Long.toString(ref.refunded()), Long.toString(st.refunded()), NEEDS_AGENT));
        }
        return out;
    }

    /** A payment that pays several orders: its amounts are the service's whole, not this order's share, so only its state is compared. */
    static boolean shared(PaymentReference ref, PaymentGateway.PaymentStatus st) {
        return st.amount() == null || ref.amount().minor() != st.amount().minor();
    }

    /** The order's word for the service's state (null: nothing to compare). */
    static String providerStatus(PaymentGateway.PaymentStatus st) {
        return switch (st.state()) {
            case AUTHORIZED -> st.captured() > 0 ? PaymentReference.PARTIALLY_CAPTURED : PaymentReference.AUTHORIZED;
            case CAPTURED -> st.refunded() > 0 ? (st.refunded() >= st.captured() ? PaymentReference.REFUNDED : PaymentReference.PARTIALLY_REFUNDED)
                    : st.amount() != null && st.captured() > 0 && st.captured() < st.amount().minor() ? PaymentReference.PARTIALLY_CAPTURED
                    : PaymentReference.CAPTURED;
            case REFUNDED -> PaymentReference.REFUNDED;
            case PENDING -> PaymentReference.PENDING;
            case VOIDED -> "voided";
            case DECLINED -> "declined";
            case NOT_FOUND -> null;
        };
    }
}
