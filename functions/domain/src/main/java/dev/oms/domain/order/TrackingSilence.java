package dev.oms.domain.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tracking that went silent (seed 003 section 13): a shipment not delivered, returned or cancelled whose carrier has
 * said nothing for {@link #LIMIT} since its newest tracking event (or since it was created, before any).
 * {@link #record} writes {@code shipment.tracking_stale} on the order; the admin's alerts count them.
 */
public final class TrackingSilence {
    /** The deadline kind of a watched shipment: {@code tracking_silence:<shipment id>}. */
    public static final String KIND = "tracking_silence:";
    public static final Duration LIMIT = Duration.ofHours(12);
    public static final String EVENT = "shipment.tracking_stale";

    private TrackingSilence() { }

    /** Whether the shipment is still on its way (so its silence matters). */
    public static boolean watched(Shipment s) { return !s.isCancelled() && !s.status().isFinal(); }

    /** When the carrier was last heard of the shipment: its newest tracking event, else its creation. */
    public static Instant lastHeard(Shipment s) {
        Instant last = s.createdAt();
        for (TrackingEvent e : s.events()) if (e.occurredAt() != null && (last == null || e.occurredAt().isAfter(last))) last = e.occurredAt();
        return last;
    }

    /** When the shipment's silence becomes an alert, or empty when it is no longer watched. */
    public static Optional<Instant> dueAt(Shipment s) { return watched(s) ? Optional.of(lastHeard(s).plus(LIMIT)) : Optional.empty(); }

    /** Records {@code shipment.tracking_stale} when the shipment is still silent at {@code now}; answers whether it did. */
    public static boolean record(Order o, String shipmentId, Instant now) {
        Shipment s = o.child(Shipment.class, shipmentId).orElse(null);
        if (s == null || !watched(s)) return false;
        Instant last = lastHeard(s);
        if (last.plus(LIMIT).isAfter(now)) return false;
        o.record(EVENT, Order.data("shipment_id", s.id(), "carrier", s.carrier(), "tracking_numbers", s.trackingNumbers(),
                "status", s.statusWire(), "last_event_at", last.toString(), "silent_hours", Duration.between(last, now).toHours()));
        return true;
    }
}
