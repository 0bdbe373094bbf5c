package dev.oms.domain.order;

import java.util.List;

/**
 * What to give back: an {@code amount}, lines by quantity or amount, {@code shipping}, or a combination (the amount
 * must then equal the parts); a {@code restockingFee} is taken off the parts in proportion. {@code source} and
 * {@code sourceId} name what caused it (a return, a cancellation), {@code destination} where the money goes;
 * {@code paymentId}, when set, the one payment the money goes back to (the admin refund of a payment).
 */
public record RefundRequest(Long amount, String reason, List<Line> lines, Long shipping, String destination,
                            long restockingFee, String source, String sourceId, String paymentId) {
    /** A refund that takes the money back from the payments in the order they were linked. */
    public RefundRequest(Long amount, String reason, List<Line> lines, Long shipping, String destination, long restockingFee,
                         String source, String sourceId) {
        this(amount, reason, lines, shipping, destination, restockingFee, source, sourceId, null);
    }

    public RefundRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (destination == null) destination = Refund.ORIGINAL_METHOD;
        if (source == null) source = Refund.MANUAL;
    }

    /** One line to refund: a quantity (its share of the line's amount due), an amount, or both (the amount wins). */
    public record Line(String lineId, Long quantity, Long amount) { }
}
