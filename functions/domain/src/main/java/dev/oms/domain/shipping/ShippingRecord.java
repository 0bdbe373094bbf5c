package dev.oms.domain.shipping;

/**
 * A seed 003 shipping aggregate that is not an order's child (a manifest, a QC inspection, a vendor shipment, an ASN):
 * stored on its own with a version, its events written in the same transaction with {@code order_id} null and the
 * aggregate as their subject.
 */
public interface ShippingRecord {
    String id();

    long version();

    /** The event subject's type: {@code manifest}, {@code qc_inspection}, {@code vendor_shipment}, {@code asn}. */
    String aggregateType();
}
