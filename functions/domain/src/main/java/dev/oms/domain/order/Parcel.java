package dev.oms.domain.order;

/**
 * One box of a shipment, known by its tracking number. {@code status} is the latest status that counts (see
 * {@link TrackingStatus}); {@code progress} the furthest step reached, which an {@code exception} keeps.
 */
public record Parcel(String trackingNumber, TrackingStatus status, TrackingStatus progress) {
    public static Parcel labelled(String trackingNumber) {
        return new Parcel(trackingNumber, TrackingStatus.LABEL_CREATED, TrackingStatus.LABEL_CREATED);
    }

    /** The parcel after a report: moved on when the report is not behind, unchanged otherwise. */
    public Parcel after(TrackingStatus reported) {
        if (status.isFinal()) return this;
        if (reported == TrackingStatus.EXCEPTION) return new Parcel(trackingNumber, reported, progress);
        if (reported.rank() < progress.rank()) return this;
        if (reported == status) return this;
        return new Parcel(trackingNumber, reported, reported);
    }
}
