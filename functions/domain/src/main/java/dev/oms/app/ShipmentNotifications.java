package dev.oms.app;

import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentUpdates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The customer's "your order has shipped" message, the same whoever sends it (the notifications subscriber or the saga). */
public final class ShipmentNotifications {
    public static final String TEMPLATE = "order.shipped";

    private ShipmentNotifications() { }

    /**
     * The shipment messages on the channels the customer has on for this order ({@link ShipmentUpdates}: email unless
     * unsubscribed, sms once subscribed), each where the order has an address for it; empty when there is none.
     */
    public static List<Notification> shipped(Order order, Shipment s) {
        String subject = "Your order " + order.state().number + " is on its way";
        String body = "Your order " + order.state().number + " has shipped with " + s.carrier() + ". Tracking: "
                + String.join(", ", s.trackingNumbers()) + ".";
        Map<String, String> attributes = Map.of("order_id", order.id(), "shipment_id", s.id(), "tracking_numbers", String.join(",", s.trackingNumbers()));
        List<Notification> out = new ArrayList<>();
        for (String channel : ShipmentUpdates.CHANNELS) {
            if (!ShipmentUpdates.subscribed(order, channel)) continue;
            String recipient = recipient(order, channel);
            if (recipient != null) out.add(new Notification(channel, recipient, TEMPLATE, subject, body, attributes));
        }
        return out;
    }

    private static String recipient(Order order, String channel) {
        for (Address a : new Address[] {order.state().shippingAddress, order.state().billingAddress}) {
            String v = a == null ? null : channel.equals("sms") ? a.phone() : a.email();
            if (v != null) return v;
        }
        return null;
    }
}
