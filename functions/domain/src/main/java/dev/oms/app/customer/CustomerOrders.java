package dev.oms.app.customer;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.Shipment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The customer's reads across its own orders, all through the order use case's customer-scoped list (the
 * orders-by-customer index: a customer's orders only, never a scan of the tenant): metrics and finding a parcel by its
 * tracking number.
 */
public final class CustomerOrders {
    /** Orders read per page while walking the customer's orders. */
    static final int PAGE = 200;
    /** At most this many of the customer's orders are examined by one request (newest first). */
    public static final int MAX_ORDERS = 5_000;

    private final OrderService orders;

    public CustomerOrders(OrderService orders) { this.orders = orders; }

    /** Spend of one currency: orders not cancelled, their totals summed, the average rounded half up to the minor unit. */
    public record Spend(String currency, long total, long orders, long average) { }

    public record Metrics(long ordersCount, long cancelledCount, Map<String, Spend> spend, boolean truncated) { }

    public Metrics metrics(CommandContext ctx) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        long[] counts = new long[2];
        boolean truncated = walk(ctx, o -> {
            counts[0]++;
            if (o.status() == OrderStatus.CANCELLED || o.status() == OrderStatus.CANCELLING) { counts[1]++; return; }
            long[] s = sums.computeIfAbsent(o.state().currency, c -> new long[2]);
            s[0] = Math.addExact(s[0], o.totals().total());
            s[1]++;
        });
        Map<String, Spend> spend = new LinkedHashMap<>();
        sums.forEach((currency, s) -> spend.put(currency, new Spend(currency, s[0], s[1], averageHalfUp(s[0], s[1]))));
        return new Metrics(counts[0], counts[1], spend, truncated);
    }

    /** {@code total / count} rounded half up (totals are never negative). */
    static long averageHalfUp(long total, long count) {
        if (count == 0) return 0;
        return java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.TWO).add(java.math.BigInteger.valueOf(count))
                .divide(java.math.BigInteger.valueOf(count).multiply(java.math.BigInteger.TWO)).longValueExact();
    }

    /** The caller's shipment with this tracking number, with its order; another customer's parcel is a 404 like an unknown one. */
    public record Parcel(Order order, Shipment shipment) { }

    public Parcel findByTrackingNumber(CommandContext ctx, String trackingNumber) {
        Parcel[] found = new Parcel[1];
        walk(ctx, o -> {
            if (found[0] != null || "not_shipped".equals(o.state().shippingStatus)) return;
            Order full = orders.get(ctx, o.id());
            for (Shipment s : full.children(Shipment.class)) {
                if (s.trackingNumbers().contains(trackingNumber)) { found[0] = new Parcel(full, s); return; }
            }
        });
        if (found[0] == null) throw DomainException.notFound("shipment.not_found", "No shipment with tracking number " + trackingNumber);
        return found[0];
    }

    /** Visits the caller's orders, newest first; true when it stopped at {@link #MAX_ORDERS}. */
    private boolean walk(CommandContext ctx, Consumer<Order> visit) {
        if (!ctx.caller().isCustomer() || ctx.caller().customerId() == null) {
            throw DomainException.notFound("order.not_found", "No orders for this caller");
        }
        OrderFilter mine = new OrderFilter(null, ctx.caller().customerId(), null, null, null, null, true);
        String position = null;
        int seen = 0;
        do {
            Page<Order> page = orders.list(ctx, mine, new PageRequest(position, PAGE));
            for (Order o : page.items()) {
                if (seen++ >= MAX_ORDERS) return true;
                visit.accept(o);
            }
            position = page.nextPosition();
        } while (position != null);
        return false;
    }
}
