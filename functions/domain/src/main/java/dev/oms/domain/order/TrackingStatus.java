package dev.oms.domain.order;

import java.util.Locale;

/**
 * Where a parcel is, as its carrier reports it. Progress only moves forward: {@code label_created} &lt;
 * {@code in_transit} &lt; {@code out_for_delivery} &lt; {@code delivered}. {@code exception} (a failed delivery attempt,
 * a damaged parcel) may come at any point before the end and keeps the progress reached, so the parcel may carry on
 * from there; {@code delivered} and {@code returned_to_sender} are final. A report that would move a parcel back (a late
 * {@code in_transit} after {@code out_for_delivery}) is kept in the parcel's events but does not change its status.
 */
public enum TrackingStatus {
    LABEL_CREATED(0), IN_TRANSIT(1), OUT_FOR_DELIVERY(2), EXCEPTION(-1), DELIVERED(3), RETURNED_TO_SENDER(4);

    private final int rank;

    TrackingStatus(int rank) { this.rank = rank; }

    /** How far along the way this status is; -1 for {@code exception}, which is not a step of its own. */
    public int rank() { return rank; }

    public boolean isFinal() { return this == DELIVERED || this == RETURNED_TO_SENDER; }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static TrackingStatus fromWire(String value) {
        for (TrackingStatus s : values()) if (s.wire().equals(value)) return s;
        throw dev.oms.domain.DomainException.invalidField("status", "tracking.status_unknown", "Unknown tracking status " + value);
    }

    public static boolean isWire(String value) {
        for (TrackingStatus s : values()) if (s.wire().equals(value)) return true;
        return false;
    }
}
