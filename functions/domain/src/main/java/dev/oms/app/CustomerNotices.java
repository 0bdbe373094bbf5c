package dev.oms.app;

import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import java.util.Map;

/**
 * A notice to an order's customer about a change made for them (the seller and simple order APIs' status changes and
 * manual shipments): by email to the shipping (else billing) address's email, else by SMS to its phone; none without
 * either.
 */
public final class CustomerNotices {
    private CustomerNotices() { }

    /** The notice, or null when the order has no email address or phone to send it to. */
    public static Notification of(Order order, String template, String subject, String body) {
        Address a = order.state().shippingAddress != null ? order.state().shippingAddress : order.state().billingAddress;
        if (a == null) return null;
        if (a.email() != null) return new Notification("email", a.email(), template, subject, body, Map.of("order_id", order.id()));
        if (a.phone() != null) return new Notification("sms", a.phone(), template, subject, body, Map.of("order_id", order.id()));
        return null;
    }
}
