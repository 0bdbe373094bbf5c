package dev.oms.app.port;

import dev.oms.app.lookup.OrderReference;
import dev.oms.domain.order.Order;

/**
 * Orders by one of their references, each answered by one keyed read of the table or an index (no search engine):
 * newest first, deleted orders excluded.
 */
public interface OrderReferences {
    Page<Order> find(String tenantId, OrderReference reference, PageRequest page);
}
