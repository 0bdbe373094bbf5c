package dev.oms.domain.order;

import java.util.Set;

/**
 * The event types of seed 003 shipping and receiving; part of {@link OrderEventTypes#ALL}. {@code shipment.pickup_scheduled}
 * and {@code shipment.cancelled} are order events; the others are events of shipping records (manifests, QC inspections, vendor shipments, ASNs):
 * {@code order_id} null and the record as their {@code subject}.
 */
public final class ShippingEventTypes {
    public static final Set<String> ALL = Set.of(
            "shipment.pickup_scheduled", "shipment.cancelled", "manifest.created", "manifest.shipment_added", "manifest.shipment_removed", "manifest.submitted",
            "manifest.accepted", "manifest.rejected",
            "asn.created", "vendor_shipment.created", "qc.started", "qc.finding_recorded", "qc.resolved", "carrier.tracking_unmatched");

    private ShippingEventTypes() { }
}
