package dev.oms.app.lookup;

import dev.oms.app.CommandContext;
import dev.oms.app.port.OrderReferences;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Order;

/** {@code POST /v1/orders/lookup}: the caller's tenant's orders that carry a reference. */
public final class OrderLookup {
    private final OrderReferences references;

    public OrderLookup(OrderReferences references) { this.references = references; }

    public Page<Order> lookup(CommandContext ctx, OrderReference reference, PageRequest page) {
        Page<Order> found = references.find(ctx.tenantId(), reference, page);
        return new Page<>(found.items().stream().filter(o -> !o.isDeleted() && ctx.caller().mayView(o.id(), o.customerId())).toList(),
                found.nextPosition());
    }
}
