package dev.oms.app;

import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.PaymentReference;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Payments linked to orders: link one the payment service holds (checked there: it exists, is in the order's
 * currency and has the amount available), unlink one (admins; never while captured money is applied) and capture
 * through the payment service. Money moves before the order records it, under an idempotency key derived from what
 * the order had seen, so a retried capture never captures twice.
 */
public final class PaymentService {
    private final OrderTransactions tx;
    private final PaymentGateway gateway;
    private final Clock clock;

    public PaymentService(OrderTransactions tx, PaymentGateway gateway, Clock clock) {
        this.tx = tx;
        this.gateway = gateway;
        this.clock = clock;
    }

    public record Linked(Order order, PaymentReference payment) { }

    public Order get(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public Linked link(CommandContext ctx, String orderId, String paymentId, Money amount, Map<String, Long> applied) {
        tx.get(ctx, orderId); // 404 before asking the payment service about another tenant's order
        PaymentGateway.PaymentStatus st = gateway.status(ctx.tenantId(), paymentId);
        if (st.state() == PaymentGateway.State.NOT_FOUND || st.amount() == null) {
            throw DomainException.unprocessable("payment.unknown", "The payment service has no payment " + paymentId,
                    "Use the payment_id the payment service returned.");
        }
        if (!st.amount().currency().equals(amount.currency())) {
            throw DomainException.unprocessable("payment.currency_mismatch", "Payment " + paymentId + " is in "
                    + st.amount().currency() + ", not " + amount.currency(), "Link a payment in the order's currency.");
        }
        String status = switch (st.state()) {
            case AUTHORIZED -> st.captured() > 0 ? PaymentReference.PARTIALLY_CAPTURED : PaymentReference.AUTHORIZED;
            case CAPTURED -> PaymentReference.CAPTURED;
            case PENDING -> PaymentReference.PENDING;
            default -> throw DomainException.unprocessable("payment.not_usable", "Payment " + paymentId + " is "
                    + st.state().name().toLowerCase(Locale.ROOT), "Link an authorized or captured payment.");
        };
        long available = st.amount().minor() - st.refunded() - st.voided();
        if (amount.minor() > available) {
            throw DomainException.unprocessable("payment.amount_unavailable", "Payment " + paymentId + " has " + available
                    + " available, asked " + amount.minor(), "Link at most what the payment holds.").with("available", available);
        }
        long captured = Math.max(0, st.captured() - st.refunded());
        return tx.mutate(ctx, orderId, true, o -> new Linked(o, o.money().link(paymentId, amount, applied, status, captured, clock.instant())));
    }

    public Linked unlink(CommandContext ctx, String orderId, String paymentId) {
        return tx.mutate(ctx, orderId, true, o -> new Linked(o, o.money().unlink(paymentId, ctx.reason(), clock.instant())));
    }

    /**
     * Captures {@code amount} (null: all that is left) of a linked payment. The key names the payment and what was
     * captured before, so the same request retried reaches the payment service as the same capture.
     */
    public Linked capture(CommandContext ctx, String orderId, String paymentId, Long amount) {
        Order order = tx.get(ctx, orderId);
        tx.checkVersion(ctx, order);
        order.assertNotLockedAgainst(ctx.caller().subject(), clock.instant());
        PaymentReference ref = order.money().require(paymentId);
        long want = amount == null ? ref.capturable() : amount;
        if (want <= 0) {
            throw DomainException.unprocessable("payment.capture_exceeds_authorized", "Payment " + paymentId + " has nothing left to capture",
                    "Nothing to do.").with("capturable", ref.capturable());
        }
        order.money().checkCapture(paymentId, want);
        long before = ref.captured();
        PaymentGateway.Operation op = gateway.capture(ctx.tenantId(), paymentId, Money.of(want, ref.amount().currency()),
                "capture:" + orderId + ":" + paymentId + ":" + before + ":" + want);
        CommandContext after = new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ctx.journal());
        return tx.mutate(after, orderId, false, o -> new Linked(o, o.money().recordCapture(paymentId, before, op.amount().minor(), op.id(), clock.instant())));
    }
}
