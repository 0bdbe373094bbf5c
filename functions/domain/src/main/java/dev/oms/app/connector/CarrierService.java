package dev.oms.app.connector;

import dev.oms.domain.order.Address;
import java.time.Instant;
import java.util.List;

/**
 * A parcel carrier (or a carrier aggregator): books shipments and return shipments, answering one tracking number
 * per parcel, and reports what happened to each parcel. Calls that book carry an idempotency key: the same key books
 * nothing twice and answers the first booking. Failures and time-outs are {@link ConnectorException}s.
 */
public interface CarrierService {

    /** Books the parcels of a shipment; {@code carrier}/{@code serviceCode} are hints the carrier may replace. */
    Booking book(String tenantId, BookingRequest request, String idempotencyKey);

    /** Every report the carrier has for a tracking number, oldest first (empty for a number it does not know). */
    List<TrackingReport> tracking(String tenantId, String trackingNumber);

    /** Books a return shipment for an RMA, from the customer back to the warehouse. */
    ReturnLabel returnLabel(String tenantId, String rmaId, Address from, Address to, String idempotencyKey);

    /** {@link #refundLabel}'s answer for a key no label was bought under. */
    String REFUND_NOT_BOUGHT = "not_bought";

    /**
     * Asks for the money back for an unused label booked under {@code idempotencyKey} (a withdrawn return's label):
     * {@code submitted} (the carrier reviews it), {@code refunded}, {@code rejected}, {@code not_applicable} (the
     * carrier does not refund labels) or {@link #REFUND_NOT_BOUGHT}. Asking again is harmless.
     */
    String refundLabel(String tenantId, String idempotencyKey);

    /**
     * Asks the carrier to collect labelled parcels (by tracking number) from an address within a window; the same key
     * books one pickup and answers it again. A parcel the carrier did not label is 422 {@code carrier.parcel_not_found}.
     */
    Pickup schedulePickup(String tenantId, PickupRequest request, String idempotencyKey);

    /**
     * Closes out labelled parcels on one scan form (the manifest a driver scans once instead of every parcel); the same
     * key answers the same form.
     */
    ScanForm scanForm(String tenantId, List<String> trackingNumbers, String idempotencyKey);

    /** The scan form as the carrier has it now: whether it was accepted, is still pending or was rejected. */
    ScanForm scanFormStatus(String tenantId, String scanFormId);

    /** A scan form's {@code status}: the carrier took it, is still checking it, or refused it ({@code message} says why). */
    String FORM_ACCEPTED = "accepted", FORM_PENDING = "pending", FORM_REJECTED = "rejected";

    record PickupRequest(List<String> trackingNumbers, Address at, Instant earliest, Instant latest, String instructions) {
        public PickupRequest {
            trackingNumbers = List.copyOf(trackingNumbers);
        }
    }

    record Pickup(String id, String carrier, String service, String confirmation, Instant earliest, Instant latest) { }

    /**
     * {@code documentUrl}: the carrier's printable form (short-lived on some carriers), null when it has none;
     * {@code status} one of {@link #FORM_ACCEPTED}, {@link #FORM_PENDING}, {@link #FORM_REJECTED}; {@code message} the
     * carrier's reason for a rejection (null otherwise).
     */
    record ScanForm(String id, List<String> trackingNumbers, String documentUrl, String status, String message) {
        public ScanForm {
            trackingNumbers = List.copyOf(trackingNumbers);
            if (!FORM_ACCEPTED.equals(status) && !FORM_PENDING.equals(status) && !FORM_REJECTED.equals(status)) {
                throw new IllegalArgumentException("unknown scan form status " + status);
            }
        }
    }

    /**
     * What to book: who sends (null: the tenant's default warehouse address), who receives, one weight per parcel in
     * grams (null when unknown), and where the shipment belongs, so the carrier's reports can be traced back.
     */
    record BookingRequest(String carrier, String serviceCode, Address from, Address to, List<Integer> parcelWeights,
                          String orderId, String shipmentId) { }

    record Booking(String carrier, String serviceCode, List<String> trackingNumbers) { }

    /** {@code status}: {@code label_created}, {@code in_transit}, {@code out_for_delivery}, {@code delivered}, {@code exception}, {@code returned_to_sender}. */
    record TrackingReport(String id, String trackingNumber, String status, Instant occurredAt, String location, String description) { }

    record ReturnLabel(String carrier, String serviceCode, String trackingNumber) { }
}
