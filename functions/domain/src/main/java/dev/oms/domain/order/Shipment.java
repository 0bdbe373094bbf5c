package dev.oms.domain.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a carrier took away: one or more fulfilments in one or more parcels, each with a tracking number. Its
 * {@link #status()} merges the parcels': {@code exception} when any parcel has one, else {@code returned_to_sender}
 * when any went back, else the least advanced parcel's status (a shipment is delivered when its last parcel is, or when
 * the receipt was confirmed).
 * {@code labelStatus} is {@code pending} until the label job has rendered the label, then {@code ready}
 * ({@code external} when the request brought its own label).
 * A shipment cancelled before the carrier took it ({@code POST /v1/fulfillment/shipments/{id}/cancel}) keeps its
 * record with its {@link Cancellation}; its status is then {@code cancelled} and its fulfilments are packed again.
 */
public record Shipment(String id, List<String> fulfillmentIds, String carrier, String serviceCode, List<Parcel> parcels,
                       Integer weightGrams, Dimensions dimensions, String labelReference, String labelStatus,
                       String labelDocumentId, String zplDocumentId, List<TrackingEvent> events, String createdBy,
                       Instant createdAt, Instant updatedAt, Instant deliveredAt, Cancellation cancellation) implements OrderChild {
    public static final String LABEL_PENDING = "pending", LABEL_READY = "ready", LABEL_EXTERNAL = "external";
    /** Tracking events kept per shipment (the oldest go first): bounds the item well under DynamoDB's 400 KB. */
    public static final int MAX_EVENTS = 200;

    /** The wire status of a shipment cancelled before handover. */
    public static final String CANCELLED = "cancelled";

    /**
     * Why and when a shipment was cancelled before the carrier took it; {@code voidStatus} is the carrier's answer to
     * voiding the label ({@code refunded}, {@code submitted}, {@code not_applicable}, {@code not_bought}).
     */
    public record Cancellation(Instant at, String by, String reason, String voidStatus) { }

    /** Outer size of the package in millimetres. */
    public record Dimensions(int lengthMm, int widthMm, int heightMm) { }

    public Shipment {
        fulfillmentIds = List.copyOf(fulfillmentIds);
        parcels = List.copyOf(parcels);
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public String kind() { return "shipment"; }

    public List<String> trackingNumbers() { return parcels.stream().map(Parcel::trackingNumber).toList(); }

    /** Delivered once every parcel is (or a receipt was confirmed, for drop-ship and B2B), else the parcels merged. */
    public TrackingStatus status() { return deliveredAt != null ? TrackingStatus.DELIVERED : merged(parcels); }

    static TrackingStatus merged(List<Parcel> parcels) {
        if (parcels.isEmpty()) return TrackingStatus.LABEL_CREATED;
        if (parcels.stream().anyMatch(p -> p.status() == TrackingStatus.EXCEPTION)) return TrackingStatus.EXCEPTION;
        if (parcels.stream().anyMatch(p -> p.status() == TrackingStatus.RETURNED_TO_SENDER)) return TrackingStatus.RETURNED_TO_SENDER;
        TrackingStatus least = null;
        for (Parcel p : parcels) if (least == null || p.status().rank() < least.rank()) least = p.status();
        return least;
    }

    public boolean isCancelled() { return cancellation != null; }

    /** Whether the carrier has taken the parcels (any parcel moved past {@code label_created}, or delivered). */
    public boolean handedOver() {
        return deliveredAt != null || parcels.stream().anyMatch(p -> p.status() != TrackingStatus.LABEL_CREATED);
    }

    /** The status as the API shows it: {@code cancelled}, or the parcels' merged {@link #status()}. */
    public String statusWire() { return isCancelled() ? CANCELLED : status().wire(); }

    Shipment cancelled(Cancellation c, Instant now) {
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, parcels, weightGrams, dimensions, labelReference,
                labelStatus, labelDocumentId, zplDocumentId, events, createdBy, createdAt, now, deliveredAt, c);
    }

    public boolean hasEvent(String eventId) { return events.stream().anyMatch(e -> e.id().equals(eventId)); }

    Shipment withParcels(List<Parcel> newParcels, List<TrackingEvent> added, Instant now) {
        List<TrackingEvent> all = new ArrayList<>(events);
        all.addAll(added);
        while (all.size() > MAX_EVENTS) all.remove(0);
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, newParcels, weightGrams, dimensions, labelReference,
                labelStatus, labelDocumentId, zplDocumentId, all, createdBy, createdAt, now, deliveredAt, cancellation);
    }

    Shipment delivered(Instant now) {
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, parcels, weightGrams, dimensions, labelReference,
                labelStatus, labelDocumentId, zplDocumentId, events, createdBy, createdAt, now, deliveredAt == null ? now : deliveredAt, cancellation);
    }

    Shipment withLabel(String pdfDocumentId, String zplId, Instant now) {
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, parcels, weightGrams, dimensions, labelReference,
                LABEL_READY, pdfDocumentId, zplId, events, createdBy, createdAt, now, deliveredAt, cancellation);
    }
}
