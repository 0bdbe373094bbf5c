package dev.oms.domain.order;

/**
 * What a refund gives back for one order line (or {@code shipping}): the units (0 when refunded by amount) and the
 * amount, of which {@code tax} is the line's tax (largest remainder on the line's net and tax).
 */
public record RefundLine(String lineId, long quantity, long amount, long tax) {
    public static final String SHIPPING = "shipping";
}
