package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;

/**
 * A carrier pickup of a shipment's parcels at the warehouse (seed 003 {@code schedule-pickup}): only for a shipment the
 * carrier has not collected yet (every parcel still {@code label_created}); recorded on the order's timeline as
 * {@code shipment.pickup_scheduled}.
 */
public final class ShipmentPickups {
    private ShipmentPickups() { }

    /** 409 {@code shipment.already_collected} once any parcel has moved; 409 {@code shipment.already_cancelled} once cancelled. */
    public static Shipment checkCollectable(Order o, String shipmentId) {
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        if (s.isCancelled()) {
            throw DomainException.conflict("shipment.already_cancelled", "Shipment " + shipmentId + " was cancelled", "Nothing to collect.")
                    .with("shipment_id", shipmentId);
        }
        if (s.handedOver()) {
            throw DomainException.conflict("shipment.already_collected", "The carrier has shipment " + shipmentId + " already (" + s.status().wire() + ")",
                    "Nothing to collect.").with("current_status", s.status().wire());
        }
        return s;
    }

    public static Shipment scheduled(Order o, String shipmentId, String pickupId, String carrier, String confirmation, Instant earliest, Instant latest) {
        Shipment s = checkCollectable(o, shipmentId);
        o.record("shipment.pickup_scheduled", Order.data("shipment_id", shipmentId, "pickup_id", pickupId, "carrier", carrier,
                "confirmation", confirmation, "earliest", earliest.toString(), "latest", latest.toString(), "tracking_numbers", s.trackingNumbers()));
        return s;
    }
}
