package dev.oms.app;

import dev.oms.app.port.Deadlines;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.TrackingSilence;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Watches the tracking of shipments on their way (seed 003 section 13): each shipment event ({@code shipment.created},
 * {@code shipment.tracking_updated}) moves the shipment's deadline ({@code tracking_silence:<shipment>}, in the same
 * deadline index as the policies) to {@link TrackingSilence#LIMIT} after the carrier was last heard of it; delivery,
 * return and cancellation remove it. A deadline that comes due records {@code shipment.tracking_stale} on the order
 * (actor {@code tracking-watch}), once per silence: the next tracking event watches it again.
 */
public final class TrackingSilenceWatch {
    public static final String ACTOR = "tracking-watch";

    private final OrderService orders;
    private final Deadlines deadlines;

    public TrackingSilenceWatch(OrderService orders, Deadlines deadlines) {
        this.orders = orders;
        this.deadlines = deadlines;
    }

    /** After a shipment event: {@code watched} (the deadline moved), {@code settled} (removed) or {@code none}. */
    public String onShipmentEvent(String tenantId, String orderId, Map<String, Object> data) {
        if (!(data.get("shipment_id") instanceof String shipmentId) || orderId == null) return "none";
        String kind = TrackingSilence.KIND + shipmentId;
        Instant due;
        try {
            Shipment s = orders.get(system(tenantId), orderId).child(Shipment.class, shipmentId).orElse(null);
            due = s == null ? null : TrackingSilence.dueAt(s).orElse(null);
        } catch (DomainException gone) {
            due = null; // deleted
        }
        if (due == null) {
            deadlines.clear(tenantId, orderId, kind);
            return "settled";
        }
        deadlines.move(new Deadlines.Deadline(tenantId, orderId, kind, due, null));
        return "watched";
    }

    /**
     * A due deadline: {@code tracking_stale} when the event was recorded, else why not ({@code settled}: delivered,
     * returned or cancelled meanwhile; {@code heard_since}: the carrier spoke, and the deadline moved). Removes or
     * moves the deadline itself.
     */
    public String sweep(Deadlines.Deadline d, Instant now) {
        String shipmentId = d.kind().substring(TrackingSilence.KIND.length());
        String outcome;
        try {
            Order o = orders.get(system(d.tenantId()), d.orderId());
            Shipment s = o.child(Shipment.class, shipmentId).orElse(null);
            Instant due = s == null ? null : TrackingSilence.dueAt(s).orElse(null);
            if (due == null) outcome = "settled";
            else if (due.isAfter(now)) {
                deadlines.move(new Deadlines.Deadline(d.tenantId(), d.orderId(), d.kind(), due, null));
                return "heard_since";
            } else {
                outcome = orders.transactions().mutate(system(d.tenantId()), d.orderId(), false,
                        x -> TrackingSilence.record(x, shipmentId, now) ? "tracking_stale" : "settled");
            }
        } catch (DomainException refused) {
            outcome = refused.code();
        }
        deadlines.clear(d.tenantId(), d.orderId(), d.kind());
        return outcome;
    }

    private static CommandContext system(String tenantId) {
        return new CommandContext(new Caller(tenantId, ACTOR, "system", Set.of("service"), null, null), null, null, "tracking silent", null);
    }
}
