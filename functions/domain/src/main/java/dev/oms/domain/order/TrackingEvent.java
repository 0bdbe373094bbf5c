package dev.oms.domain.order;

import java.time.Instant;

/**
 * One report of a carrier about one parcel. {@code id} is the carrier's id for the report (or one derived from its
 * content), so the same report arriving twice (a poll and a webhook) is kept once. {@code applied} says whether it
 * moved the parcel's status (false for late or repeated reports).
 */
public record TrackingEvent(String id, String trackingNumber, TrackingStatus status, Instant occurredAt, String location,
                            String description, String source, boolean applied) {
    public TrackingEvent applied(boolean value) {
        return new TrackingEvent(id, trackingNumber, status, occurredAt, location, description, source, value);
    }
}
