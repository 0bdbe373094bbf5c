package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.util.Map;

/**
 * One line of an order. {@code unitPrice}, {@code discount} (line-level, absolute) and either a tax rate in basis
 * points or an explicit tax amount are given; {@code allocatedDiscount} (its share of the order-level discount) and
 * {@code tax} are computed by {@link OrderPricing}. A {@code digital} line (a download, a licence, a gift card code)
 * ships nothing: the {@code auto_fulfill_digital} policy fulfils it on confirmation.
 */
public record OrderLine(String id, String clientLineId, String sku, String variantId, String description,
                        long quantity, Money unitPrice, Money discount, Integer taxRateBps, Money taxAmount,
                        Map<String, String> metadata, long allocatedDiscount, long tax, long cancelledQuantity, boolean digital) {

    public OrderLine {
        metadata = Metadata.sorted(metadata);
        if (quantity < 0 || (quantity == 0 && cancelledQuantity == 0)) {
            throw dev.oms.domain.DomainException.invalidField("quantity", "quantity.not_positive", "quantity must be positive");
        }
        if (cancelledQuantity < 0) throw new IllegalArgumentException("cancelled quantity must not be negative");
    }

    /** A physical line (not digital). */
    public OrderLine(String id, String clientLineId, String sku, String variantId, String description, long quantity,
                     Money unitPrice, Money discount, Integer taxRateBps, Money taxAmount, Map<String, String> metadata,
                     long allocatedDiscount, long tax, long cancelledQuantity) {
        this(id, clientLineId, sku, variantId, description, quantity, unitPrice, discount, taxRateBps, taxAmount, metadata,
                allocatedDiscount, tax, cancelledQuantity, false);
    }

    /** A line nothing was cancelled from. */
    public OrderLine(String id, String clientLineId, String sku, String variantId, String description, long quantity,
                     Money unitPrice, Money discount, Integer taxRateBps, Money taxAmount, Map<String, String> metadata,
                     long allocatedDiscount, long tax) {
        this(id, clientLineId, sku, variantId, description, quantity, unitPrice, discount, taxRateBps, taxAmount, metadata,
                allocatedDiscount, tax, 0);
    }

    /** What the line costs the customer: its total after discounts plus its tax. */
    public long amountDue() { return lineTotal() + tax; }

    /** The line after {@code cancel} more units were cancelled: discount and explicit tax shrink exactly in proportion. */
    public OrderLine cancel(long cancel) {
        long remaining = quantity - cancel;
        long[] split = dev.oms.domain.money.Allocation.largestRemainder(discount.minor(), new long[] {remaining, cancel});
        Money newDiscount = Money.of(split[0], discount.currency());
        Money newTax = null;
        if (taxAmount != null) {
            long[] t = dev.oms.domain.money.Allocation.largestRemainder(taxAmount.minor(), new long[] {remaining, cancel});
            newTax = Money.of(t[0], taxAmount.currency());
        }
        return new OrderLine(id, clientLineId, sku, variantId, description, remaining, unitPrice, newDiscount, taxRateBps,
                newTax, metadata, allocatedDiscount, tax, cancelledQuantity + cancel, digital);
    }

    public long gross() { return Math.multiplyExact(unitPrice.minor(), quantity); }

    public long discountTotal() { return Math.addExact(discount.minor(), allocatedDiscount); }

    public long lineTotal() { return gross() - discountTotal(); }

    public OrderLine priced(long allocated, long computedTax) {
        return new OrderLine(id, clientLineId, sku, variantId, description, quantity, unitPrice, discount,
                taxRateBps, taxAmount, metadata, allocated, computedTax, cancelledQuantity, digital);
    }

    public OrderLine withId(String newId, String newClientLineId) {
        return new OrderLine(newId, newClientLineId, sku, variantId, description, quantity, unitPrice, discount,
                taxRateBps, taxAmount, metadata, allocatedDiscount, tax, 0, digital);
    }

    public OrderLine withQuantity(long newQuantity, Money newDiscount, Money newTaxAmount) {
        return new OrderLine(id, clientLineId, sku, variantId, description, newQuantity, unitPrice, newDiscount,
                taxRateBps, newTaxAmount, metadata, allocatedDiscount, tax, cancelledQuantity, digital);
    }

    public OrderLine with(LineChange c) {
        return new OrderLine(id, clientLineId, sku, variantId,
                c.description() != null ? c.description() : description,
                c.quantity() != null ? c.quantity() : quantity,
                c.unitPrice() != null ? c.unitPrice() : unitPrice,
                c.discount() != null ? c.discount() : discount,
                c.taxRateBps() != null ? c.taxRateBps() : (c.taxAmount() != null ? null : taxRateBps),
                c.taxAmount() != null ? c.taxAmount() : (c.taxRateBps() != null ? null : taxAmount),
                c.metadata() != null ? Metadata.merge(metadata, c.metadata()) : metadata,
                allocatedDiscount, tax, cancelledQuantity, digital);
    }
}
