package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.util.Map;

/**
 * A payment held by the payment service, referenced by its id there (the OMS never stores card data). {@code amount}
 * is what the payment is applied to this order for; {@code captured} and {@code refunded} are what the OMS has seen
 * captured and given back of it (refunded never exceeds captured, captured never exceeds amount); {@code applied}
 * names the lines (and {@code shipping}) the payment was applied to, in minor units (empty: the whole order).
 */
public record PaymentReference(String paymentId, Money amount, String status, long captured, long refunded,
                               Map<String, Long> applied) {
    public static final String PENDING = "pending", AUTHORIZED = "authorized", PARTIALLY_CAPTURED = "partially_captured",
            CAPTURED = "captured", REFUNDED = "refunded", PARTIALLY_REFUNDED = "partially_refunded";

    public PaymentReference {
        applied = applied == null ? Map.of() : Map.copyOf(applied);
    }

    /** A reference as an order names it when created: a payment reported captured counts as captured in full. */
    public PaymentReference(String paymentId, Money amount, String status) {
        this(paymentId, amount, status, CAPTURED.equals(status) ? amount.minor() : 0, 0, Map.of());
    }

    /**
     * The payment service reported a new state. A capture or refund reported as a whole (a postback, a confirmation
     * check) counts the full amount when nothing finer is known; what was already counted is never reduced.
     */
    public PaymentReference withStatus(String newStatus) {
        long c = captured;
        long r = refunded;
        if (CAPTURED.equals(newStatus) && c == 0) c = amount.minor();
        if (REFUNDED.equals(newStatus)) r = c;
        return new PaymentReference(paymentId, amount, newStatus, c, r, applied);
    }

    /** Captured and not given back. */
    public long refundable() { return captured - refunded; }

    /** Authorized for this order and not yet captured. */
    public long capturable() { return isVoidedOrDeclined() ? 0 : Math.max(0, amount.minor() - captured); }

    public boolean isVoidedOrDeclined() { return "voided".equals(status) || "declined".equals(status); }

    public PaymentReference capture(long more) {
        long c = Math.addExact(captured, more);
        return new PaymentReference(paymentId, amount, c >= amount.minor() ? CAPTURED : PARTIALLY_CAPTURED, c, refunded, applied);
    }

    public PaymentReference refund(long more) {
        long r = Math.addExact(refunded, more);
        String st = r >= captured ? REFUNDED : PARTIALLY_REFUNDED;
        return new PaymentReference(paymentId, amount, st, captured, r, applied);
    }
}
