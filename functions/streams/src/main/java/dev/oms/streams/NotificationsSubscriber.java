package dev.oms.streams;

import dev.oms.platform.events.OrderEventDetail;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.ShipmentNotifications;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.app.security.Caller;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends the customer's order confirmation when an order is confirmed, and again when someone asks for it
 * ({@code order.confirmation_requested}), tells the customer when staff impersonated them ({@code order.customer_impersonated}),
 * and the shipment message when an order ships ({@code order.shipped}, on the channels the customer has on for the order). EventBridge delivers at least once, so each event is sent once: a marker
 * item per event id is written after a successful send and checked before sending.
 */
public final class NotificationsSubscriber implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Platform p;

    public NotificationsSubscriber() { this(Platform.get()); }

    NotificationsSubscriber(Platform p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e == null || !Set.of("order.confirmed", "order.confirmation_requested", "order.shipped", "order.customer_impersonated").contains(e.type())) {
            return Map.of("sent", false);
        }
        String type = e.type();
        String tenant = e.tenantId();
        String marker = Keys.marker(tenant, "notified#" + e.id());
        if (p.table.get(marker, Keys.SINGLE).isPresent()) return Map.of("sent", false, "why", "already sent");
        Order order = p.orders.get(new CommandContext(new Caller(tenant, "notifications", "system", Set.of("service"), null, null),
                e.correlationId(), null, null, null), e.orderId());
        Map<String, Object> data = e.data();
        Notification n;
        if (type.equals("order.shipped")) {
            // a fulfilment the fulfill-order saga runs is announced by the saga's own notify step
            if (Boolean.TRUE.equals(data.get("saga"))) return Map.of("sent", false, "why", "the fulfill-order saga notifies");
            Shipment shipment = order.requireChild(Shipment.class, String.valueOf(data.get("shipment_id")), "shipment.not_found");
            List<Notification> messages = ShipmentNotifications.shipped(order, shipment);
            if (messages.isEmpty()) return Map.of("sent", false, "why", "no subscribed channel with an address on the order");
            for (Notification m : messages) p.notifications.send(tenant, m);
            markSent(marker);
            return Map.of("sent", true, "channels", messages.stream().map(Notification::channel).toList());
        } else if (type.equals("order.customer_impersonated")) {
            String recipient = recipient(order, "email");
            if (recipient == null) return Map.of("sent", false, "why", "no email address on the order");
            boolean write = "write".equals(data.get("mode"));
            String subject = "Our support team " + (write ? "acted on" : "looked at") + " your order " + order.state().number;
            String body = "A member of our support team signed in as you to " + (write ? "help with" : "look at") + " your order "
                    + order.state().number + ", until " + data.get("expires_at") + ". You can stop this in your account (impersonation consent).";
            n = new Notification("email", recipient, "order.customer_impersonated", subject, body, Map.of("order_id", order.id()));
        } else {
            String channel = String.valueOf(data.getOrDefault("channel", "email"));
            String recipient = recipient(order, channel);
            if (recipient == null) return Map.of("sent", false, "why", "no " + channel + " address on the order");
            String subject = "Your order " + order.state().number + " is confirmed";
            String body = "Thank you! We have your order " + order.state().number + " of " + order.lines().size() + " item(s), "
                    + Money.of(order.totals().total(), order.state().currency).display() + ".";
            n = new Notification(channel, recipient, "order.confirmation", subject, body, Map.of("order_id", order.id()));
        }
        p.notifications.send(tenant, n);
        markSent(marker);
        return Map.of("sent", true, "channel", n.channel(), "recipient", n.recipient());
    }

    private void markSent(String marker) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, marker);
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "marker");
        item.put(Keys.TTL, p.clock.instant().getEpochSecond() + 7 * 86400);
        p.table.put(item);
    }

    private static String recipient(Order order, String channel) {
        for (Address a : new Address[] {order.state().billingAddress, order.state().shippingAddress}) {
            if (a == null) continue;
            String v = channel.equals("sms") ? a.phone() : a.email();
            if (v != null) return v;
        }
        return null;
    }
}
