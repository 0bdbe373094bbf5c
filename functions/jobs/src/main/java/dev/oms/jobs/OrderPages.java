package dev.oms.jobs;

import dev.oms.app.CommandContext;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Order;
import dev.oms.platform.Platform;

/** Pages of the order list query ({@code OrderService.list}), from a stored position, as the jobs walk them. */
final class OrderPages {
    static final int PAGE = 200;

    private final Platform platform;

    OrderPages(Platform platform) { this.platform = platform; }

    Page<Order> page(CommandContext ctx, OrderFilter filter, String position, int limit) {
        return platform.orders.list(ctx, filter, new PageRequest(position, limit));
    }
}
