package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * A customer asked to buy an order's items again (the customer API's {@code reorder}): a cart was made for them; the
 * order records it (event {@code customer.reorder_requested}) and does not change otherwise. No order is created.
 */
public final class Reorders {
    public static final String REQUESTED = "customer.reorder_requested";

    private Reorders() { }

    /** The units of each SKU still bought on the order (a line's quantity is what is left after cancellations), in line order. */
    public static java.util.LinkedHashMap<String, Long> remainingBySku(Order order) {
        java.util.LinkedHashMap<String, Long> m = new java.util.LinkedHashMap<>();
        for (OrderLine l : order.lines()) {
            long left = l.quantity();
            if (left > 0 && l.sku() != null) m.merge(l.sku(), left, Long::sum);
        }
        return m;
    }

    public static void record(Order order, String cartId, List<String> skus, List<String> unavailable, Instant now) {
        order.touch(now);
        order.record(REQUESTED, Order.data("cart_id", cartId, "skus", List.copyOf(skus), "unavailable", List.copyOf(unavailable)));
    }
}
