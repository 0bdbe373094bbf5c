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
 */
public record Shipment(String id, List<String> fulfillmentIds, String carrier, String serviceCode, List<Parcel> parcels,
                       Integer weightGrams, Dimensions dimensions, String labelReference, String labelStatus,
                       String labelDocumentId, String zplDocumentId, List<TrackingEvent> events, String createdBy,
                       Instant createdAt, Instant updatedAt, Instant deliveredAt) implements OrderChild {
    public static final String LABEL_PENDING = "pending", LABEL_READY = "ready", LABEL_EXTERNAL = "external";
    /** Tracking events kept per shipment (the oldest go first): bounds the item well under DynamoDB's 400 KB. */
    public static final int MAX_EVENTS = 200;

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

    public boolean hasEvent(String eventId) { return events.stream().anyMatch(e -> e.id().equals(eventId)); }

    Shipment withParcels(List<Parcel> newParcels, List<TrackingEvent> added, Instant now) {
        List<TrackingEvent> all = new ArrayList<>(events);
        all.addAll(added);
        while (all.size() > MAX_EVENTS) all.remove(0);
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, newParcels, weightGrams, dimensions, labelReference,
                labelStatus, labelDocumentId, zplDocumentId, all, createdBy, createdAt, now, deliveredAt);
    }

    Shipment delivered(Instant now) {
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, parcels, weightGrams, dimensions, labelReference,
                labelStatus, labelDocumentId, zplDocumentId, events, createdBy, createdAt, now, deliveredAt == null ? now : deliveredAt);
    }

    Shipment withLabel(String pdfDocumentId, String zplId, Instant now) {
        return new Shipment(id, fulfillmentIds, carrier, serviceCode, parcels, weightGrams, dimensions, labelReference,
                LABEL_READY, pdfDocumentId, zplId, events, createdBy, createdAt, now, deliveredAt);
    }
}
