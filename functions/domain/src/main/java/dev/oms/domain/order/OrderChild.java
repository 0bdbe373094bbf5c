package dev.oms.domain.order;

/**
 * A record that belongs to one order and is stored beside its header: a fulfilment, shipment, return, refund,
 * invoice or document. Children are immutable values; a change replaces one through {@link Order#putChild}, so it is
 * written in the order's transaction and guarded by the order's version like every other change.
 */
public interface OrderChild {
    /** Unique within the tenant (a prefixed, time-ordered id such as {@code ful_01J...}). */
    String id();

    /** The stored kind ({@code fulfillment}, {@code shipment}, {@code return}, ...). */
    String kind();
}
