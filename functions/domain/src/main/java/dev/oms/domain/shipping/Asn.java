package dev.oms.domain.shipping;

import java.time.Instant;
import java.util.List;

/**
 * An advance shipping notice to a trading partner (seed 003 section 5): which shipments are on their way and when they
 * should arrive, with their parcels' tracking numbers. Its reference is unique per tenant (the store guards it); the
 * partner learns it from {@code asn.created}.
 */
public record Asn(String id, String asnReference, String partnerId, List<Shipment> shipments, Instant expectedArrival, String status,
                  long version, String createdBy, Instant createdAt) implements ShippingRecord {
    public static final String SENT = "sent";
    public static final int MAX_SHIPMENTS = 100;

    /** A shipment the notice announces: an order's shipment or a vendor shipment. */
    public record Shipment(String shipmentId, String orderId, String carrier, List<String> trackingNumbers) {
        public Shipment {
            trackingNumbers = List.copyOf(trackingNumbers);
        }
    }

    public Asn {
        shipments = List.copyOf(shipments);
    }

    @Override
    public String aggregateType() { return "asn"; }
}
