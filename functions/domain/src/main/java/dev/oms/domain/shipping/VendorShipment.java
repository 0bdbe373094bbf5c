package dev.oms.domain.shipping;

import java.time.Instant;
import java.util.List;

/**
 * Goods the warehouse sends to a supplier (seed 003 section 11): returned units going back for warranty or repair
 * ({@code reference_type} {@code rma}, possibly from a return), or a transfer announced by an ASN ({@code asn}). The
 * carrier books its parcels once (key {@code vendor:<id>}); the shipment is {@code booked} with their tracking numbers.
 */
public record VendorShipment(String id, String supplierId, String referenceType, String reference, String returnId, String orderId,
                             String fromWarehouseId, List<Line> lines, String carrier, String serviceCode, List<String> trackingNumbers,
                             String status, long version, String createdBy, Instant createdAt) implements ShippingRecord {
    public static final List<String> REFERENCE_TYPES = List.of("rma", "asn");
    public static final String BOOKED = "booked";
    public static final int MAX_LINES = 200;

    public record Line(String sku, long quantity, List<String> serials) {
        public Line {
            serials = serials == null ? List.of() : List.copyOf(serials);
        }
    }

    public VendorShipment {
        lines = List.copyOf(lines);
        trackingNumbers = List.copyOf(trackingNumbers);
    }

    @Override
    public String aggregateType() { return "vendor_shipment"; }
}
