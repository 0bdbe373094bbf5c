package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.OrderStatusActions;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run of a bulk status change (the admin's {@code bulk/update-status}): each order goes through the same
 * action the bulk job applies ({@link OrderStatusActions}), on a copy that is never written, so the preview names,
 * order by order, what the real run on unchanged orders does: {@code ok} with the status it would reach, or
 * {@code failed} with the code and detail of the refusal. The orders are the ids given, or those the list filter
 * finds (newest first), at most {@value #MAX_ORDERS}.
 */
public final class BulkStatusPreview {
    public static final int MAX_ORDERS = 1000;
    private static final int PAGE = 200;

    private final OrderService orders;
    private final OrderStatusActions actions;

    public BulkStatusPreview(OrderService orders) {
        this.orders = orders;
        this.actions = new OrderStatusActions(orders);
    }

    /** One order's outcome: {@code ok} and the status it would reach, or the refusal's code and detail. */
    public record Outcome(String orderId, boolean ok, String orderStatus, String code, String detail) { }

    public record Preview(List<Outcome> outcomes, boolean truncated) { }

    public Preview preview(CommandContext ctx, List<String> orderIds, OrderFilter filter, String action, String holdType) {
        List<String> ids = new ArrayList<>();
        boolean truncated = false;
        if (orderIds != null) {
            ids.addAll(orderIds);
        } else {
            String position = null;
            do {
                Page<Order> page = orders.list(ctx, filter, new PageRequest(position, PAGE));
                for (Order o : page.items()) if (ids.size() < MAX_ORDERS) ids.add(o.id());
                position = page.nextPosition();
            } while (position != null && ids.size() < MAX_ORDERS);
            truncated = position != null;
        }
        List<Outcome> out = new ArrayList<>();
        for (String id : ids) {
            try {
                Order after = actions.apply(ctx, id, action, holdType, true);
                out.add(new Outcome(id, true, after.status().wire(), null, null));
            } catch (DomainException e) {
                out.add(new Outcome(id, false, null, e.code(), e.getMessage()));
            }
        }
        return new Preview(out, truncated);
    }
}
