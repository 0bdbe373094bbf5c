package dev.oms.app;

import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import java.util.Map;

/** The customer's "your order has shipped" email, the same whoever sends it (the notifications subscriber or the saga). */
public final class ShipmentNotifications {
    public static final String TEMPLATE = "order.shipped";

    private ShipmentNotifications() { }

    /** The email, or null when the order has no email address. */
    public static Notification shipped(Order order, Shipment s) {
        String email = null;
        for (Address a : new Address[] {order.state().shippingAddress, order.state().billingAddress}) {
            if (a != null && a.email() != null) { email = a.email(); break; }
        }
        if (email == null) return null;
        String subject = "Your order " + order.state().number + " is on its way";
        String body = "Your order " + order.state().number + " has shipped with " + s.carrier() + ". Tracking: "
                + String.join(", ", s.trackingNumbers()) + ".";
        return new Notification("email", email, TEMPLATE, subject, body,
                Map.of("order_id", order.id(), "shipment_id", s.id(), "tracking_numbers", String.join(",", s.trackingNumbers())));
    }
}
