package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/** The audit of an event replay (the admin's {@code replay-events}): {@code order.events_replayed} on the order. */
public final class OrderEventReplays {
    public static final String REPLAYED = "order.events_replayed";

    private OrderEventReplays() { }

    public static void record(Order order, String replayId, String webhookId, List<String> eventIds, Instant now) {
        order.touch(now);
        order.record(REPLAYED, Order.data("replay_id", replayId, "webhook_id", webhookId, "event_count", eventIds.size(), "event_ids", eventIds));
    }
}
