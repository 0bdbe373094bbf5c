package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.util.Map;

/**
 * What a caller asks for when adding a line. Either {@code taxRateBps} or {@code taxAmount} may be set, not both;
 * {@code digital} marks a line that ships nothing (see {@link OrderLine}).
 */
public record LineSpec(String clientLineId, String sku, String variantId, String description, long quantity,
                       Money unitPrice, Money discount, Integer taxRateBps, Money taxAmount,
                       Map<String, String> metadata, boolean digital) {

    /** A physical line. */
    public LineSpec(String clientLineId, String sku, String variantId, String description, long quantity, Money unitPrice,
                    Money discount, Integer taxRateBps, Money taxAmount, Map<String, String> metadata) {
        this(clientLineId, sku, variantId, description, quantity, unitPrice, discount, taxRateBps, taxAmount, metadata, false);
    }

    public OrderLine toLine(String id) {
        Money zero = Money.zero(unitPrice.currency());
        return new OrderLine(id, clientLineId, sku, variantId, description, quantity, unitPrice,
                discount == null ? zero : discount, taxRateBps, taxAmount, metadata, 0, 0, 0, digital);
    }
}
