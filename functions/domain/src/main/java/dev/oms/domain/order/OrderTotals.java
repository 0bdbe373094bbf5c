package dev.oms.domain.order;

/** Order totals in minor units of the order currency. */
public record OrderTotals(long subTotal, long discountTotal, long taxTotal, long shippingTotal, long total) { }
