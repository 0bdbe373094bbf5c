package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which channels tell the customer about an order's shipments (seed 001 section 1, {@code notify}): {@code email}
 * (on unless the customer unsubscribed) and {@code sms} (off unless the customer subscribed). The notifications
 * subscriber and the fulfill-order saga send the shipment message on the subscribed channels only. A change is the
 * event {@code customer.notifications_updated}.
 */
public final class ShipmentUpdates {
    public static final List<String> CHANNELS = List.of("email", "sms");
    public static final String UPDATED = "customer.notifications_updated";
    private static final Map<String, Boolean> DEFAULTS = Map.of("email", true, "sms", false);

    private ShipmentUpdates() { }

    public static String idOf(Order order) { return "sub_" + order.id(); }

    /** Whether the order's shipment updates go out on this channel. */
    public static boolean subscribed(Order order, String channel) {
        return channels(order).getOrDefault(channel, false);
    }

    /** Every channel with whether it is on, in {@link #CHANNELS} order. */
    public static Map<String, Boolean> channels(Order order) {
        Map<String, Boolean> chosen = order.child(ShipmentUpdateSubscription.class, idOf(order)).map(ShipmentUpdateSubscription::channels).orElse(Map.of());
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String c : CHANNELS) out.put(c, chosen.getOrDefault(c, DEFAULTS.get(c)));
        return out;
    }

    /** Turns one channel on or off; nothing is recorded when it already is. */
    public static Map<String, Boolean> set(Order order, String channel, boolean on, Instant now) {
        if (!CHANNELS.contains(channel)) {
            throw DomainException.invalidField("channel", "field.not_allowed", "channel must be one of " + CHANNELS);
        }
        Map<String, Boolean> current = channels(order);
        if (current.get(channel) == on) return current;
        current.put(channel, on);
        order.putChild(new ShipmentUpdateSubscription(idOf(order), current, now));
        order.touch(now);
        order.record(UPDATED, Order.data("channel", channel, "subscribed", on));
        return current;
    }
}
