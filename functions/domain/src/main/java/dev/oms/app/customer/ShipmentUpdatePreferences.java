package dev.oms.app.customer;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ShipmentUpdates;
import java.time.Clock;
import java.util.Map;

/**
 * The customer subscribes to or unsubscribes from one order's shipment updates per channel (seed 001 section 1,
 * {@code notify}); the notifications subscriber and the fulfill-order saga honour it ({@link ShipmentUpdates}).
 */
public final class ShipmentUpdatePreferences {
    private final OrderTransactions tx;
    private final Clock clock;

    public ShipmentUpdatePreferences(OrderTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** The order and its channels after the change. */
    public record Channels(Order order, Map<String, Boolean> channels) { }

    public Channels change(CommandContext ctx, String orderId, String channel, boolean subscribe) {
        return tx.mutate(ctx, orderId, false, o -> new Channels(o, ShipmentUpdates.set(o, channel, subscribe, clock.instant())));
    }

    public Channels read(CommandContext ctx, String orderId) {
        Order o = tx.get(ctx, orderId);
        return new Channels(o, ShipmentUpdates.channels(o));
    }
}
