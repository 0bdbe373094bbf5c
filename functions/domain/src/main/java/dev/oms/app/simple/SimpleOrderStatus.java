package dev.oms.app.simple;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import java.util.Locale;

/**
 * The simple order API's statuses (seed 002: {@code pending → confirmed → shipped → delivered}, and {@code cancelled}),
 * derived from the canonical order, and its one rule: a status change is only ever the next step of that line; any
 * other is 409 {@code order.already_processed} ("Order already processed").
 */
public enum SimpleOrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static SimpleOrderStatus fromWire(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }

    public static SimpleOrderStatus of(Order order) {
        OrderState s = order.state();
        return switch (s.status) {
            case CREATED, PENDING -> PENDING;
            case CANCELLING, CANCELLED -> CANCELLED;
            case COMPLETED -> DELIVERED;
            default -> "delivered".equals(s.shippingStatus) ? DELIVERED
                    : s.shippingStatus != null && !"not_shipped".equals(s.shippingStatus) ? SHIPPED : CONFIRMED;
        };
    }

    /** The seed's {@code shipping_status}: {@code pending} before shipping, {@code processing} once confirmed, then the canonical one. */
    public static String shippingStatus(Order order) {
        OrderState s = order.state();
        if (s.shippingStatus != null && !"not_shipped".equals(s.shippingStatus)) return s.shippingStatus;
        return of(order) == CONFIRMED ? "processing" : "pending";
    }

    /** {@code to} must be the step right after the order's status. */
    public static SimpleOrderStatus checkNext(Order order, SimpleOrderStatus to) {
        SimpleOrderStatus from = of(order);
        boolean next = switch (to) {
            case CONFIRMED -> from == PENDING;
            case SHIPPED -> from == CONFIRMED;
            case DELIVERED -> from == SHIPPED;
            default -> false;
        };
        if (!next) {
            throw DomainException.conflict("order.already_processed", "Order already processed: " + order.id() + " is " + from.wire()
                    + " and cannot become " + to.wire(), "Statuses go pending → confirmed → shipped → delivered, one step at a time; "
                    + "cancel with DELETE /api/orders/{orderId}.").with("current_status", from.wire());
        }
        return from;
    }
}
