package dev.oms.app.search;

import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Order;
import java.util.Optional;

/**
 * Keeps the search index equal to the table, one order at a time: the order as stored now is indexed at its version,
 * and a deleted order (soft or hard) is removed. Because it always reads the current order, a late stream record
 * cannot bring back an old state; because the index keeps the newest version it was given, neither can a slow
 * writer racing a faster one. Used by the stream projector and by the rebuild of a tenant.
 */
public final class OrderSearchProjection {
    public enum Outcome { INDEXED, UNCHANGED, REMOVED }

    /** One page of a rebuild: what happened to each order and where the next page starts (null at the end). */
    public record RebuildPage(int indexed, int unchanged, int removed, String nextPosition) { }

    private final OrderRepository orders;
    private final OrderSearchIndex index;

    public OrderSearchProjection(OrderRepository orders, OrderSearchIndex index) {
        this.orders = orders;
        this.index = index;
    }

    /**
     * Brings one order's document up to date. {@code knownVersion} is the newest version the caller saw (the stream
     * record's sequence), used to remove an order that is gone from the table.
     */
    public Outcome project(String tenantId, String orderId, long knownVersion) {
        Optional<Order> order = orders.find(tenantId, orderId);
        if (order.isEmpty()) {
            index.delete(tenantId, orderId, knownVersion);
            return Outcome.REMOVED;
        }
        return project(order.get());
    }

    private Outcome project(Order order) {
        if (order.isDeleted()) {
            index.delete(order.tenantId(), order.id(), order.version());
            return Outcome.REMOVED;
        }
        return index.index(OrderSearchDocuments.of(order)) ? Outcome.INDEXED : Outcome.UNCHANGED;
    }

    /** Re-indexes one page of the tenant's orders, oldest first (the rebuild walks every page). */
    public RebuildPage rebuild(String tenantId, PageRequest page) {
        Page<Order> listed = orders.list(tenantId, new OrderFilter(null, null, null, null, null, null, false), page);
        int indexed = 0, unchanged = 0, removed = 0;
        for (Order summary : listed.items()) {
            switch (project(tenantId, summary.id(), summary.version())) {
                case INDEXED -> indexed++;
                case UNCHANGED -> unchanged++;
                case REMOVED -> removed++;
            }
        }
        return new RebuildPage(indexed, unchanged, removed, listed.nextPosition());
    }
}
