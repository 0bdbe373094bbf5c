package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * Money given back for an order: allocated exactly to lines (and shipping) and, for {@code original_method}, to the
 * payments that give it. A refund is planned ({@code pending}) in the order's transaction before any money moves, so
 * its amounts are reserved against the refundable balances; the payment service's answer makes it {@code succeeded}
 * or {@code failed}. {@code source} says why ({@code manual}, {@code return}, {@code cancellation});
 * {@code creditsOrder} is false only for a partial cancellation, whose lines already shrank the order total.
 */
public record Refund(String id, String source, String sourceId, String destination, String status, Money amount,
                     List<RefundLine> lines, List<PaymentShare> payments, String storeCreditId, String reason,
                     String failure, boolean creditsOrder, String createdBy, Instant createdAt, Instant completedAt)
        implements OrderChild {
    public static final String ORIGINAL_METHOD = "original_method", STORE_CREDIT = "store_credit";
    public static final String PENDING = "pending", SUCCEEDED = "succeeded", FAILED = "failed";
    public static final String MANUAL = "manual", RETURN = "return", CANCELLATION = "cancellation", EDIT = "edit";

    public Refund {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
    }

    @Override
    public String kind() { return "refund"; }

    /** Pending and succeeded refunds hold their amounts; failed ones hold nothing. */
    public boolean holdsBalance() { return !FAILED.equals(status); }

    public boolean isPending() { return PENDING.equals(status); }

    public long amountFor(String lineId) {
        long n = 0;
        for (RefundLine l : lines) if (l.lineId().equals(lineId)) n += l.amount();
        return n;
    }

    public long sharePlannedFor(String paymentId) {
        long n = 0;
        for (PaymentShare p : payments) if (p.paymentId().equals(paymentId)) n += p.amount();
        return n;
    }

    Refund with(String newStatus, List<PaymentShare> newPayments, String creditId, String newFailure, Instant completed) {
        return new Refund(id, source, sourceId, destination, newStatus, amount, lines, newPayments, creditId, reason,
                newFailure, creditsOrder, createdBy, createdAt, completed);
    }
}
