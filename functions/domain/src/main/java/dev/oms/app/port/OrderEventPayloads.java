package dev.oms.app.port;

import java.time.Instant;
import java.util.List;

/** An order's events as consumers receive them (the envelope of docs/events.md), oldest first. */
public interface OrderEventPayloads {
    /** One event: its id, type, time, and the envelope JSON, marked as replay {@code replayId} in its metadata. */
    record EventPayload(String id, String type, Instant occurredAt, String json) { }

    /** At most {@code max} events of the order, oldest first, each marked {@code metadata.oms_replay_id = replayId}. */
    List<EventPayload> replayOf(String tenantId, String orderId, int max, String replayId);
}
