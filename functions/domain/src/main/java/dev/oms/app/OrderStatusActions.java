package dev.oms.app;

import dev.oms.domain.order.Order;
import java.util.Map;
import java.util.Set;

/**
 * The status actions of the bulk status change ({@code confirm}, {@code hold}, {@code release}, {@code close}) on one
 * order, through the order's own use cases: the bulk job applies them, the admin's dry run tries them on a copy, so a
 * preview and the real run on unchanged orders agree order by order.
 */
public final class OrderStatusActions {
    public static final Set<String> ACTIONS = Set.of("confirm", "hold", "release", "close");
    public static final String DEFAULT_HOLD_TYPE = "manual_review";

    private final OrderService orders;

    public OrderStatusActions(OrderService orders) { this.orders = orders; }

    /** The order after {@code action} (the reason is the context's); throws the use case's refusal. */
    public Order apply(CommandContext ctx, String orderId, String action, String holdType, boolean dryRun) {
        return switch (action) {
            case "confirm" -> orders.confirm(ctx, orderId, dryRun);
            case "hold" -> orders.hold(ctx, orderId, holdType == null ? DEFAULT_HOLD_TYPE : holdType, ctx.reason(), null, null, dryRun).order();
            case "release" -> orders.release(ctx, orderId, null, ctx.reason(), dryRun).order();
            case "close" -> orders.close(ctx, orderId, dryRun);
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    /** The permission each action needs (checked before a job is submitted or a preview runs). */
    public static final Map<String, dev.oms.app.security.Permission> PERMISSIONS = Map.of(
            "confirm", dev.oms.app.security.Permission.ORDERS_CONFIRM, "hold", dev.oms.app.security.Permission.ORDERS_HOLD,
            "release", dev.oms.app.security.Permission.ORDERS_RELEASE, "close", dev.oms.app.security.Permission.ORDERS_CLOSE);
}
