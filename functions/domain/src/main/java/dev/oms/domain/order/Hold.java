package dev.oms.domain.order;

import java.time.Instant;

/** One reason an order is blocked. An order stays on hold until its last hold is released. */
public record Hold(String id, String type, String reason, String assignedTo, String note,
                   String placedBy, Instant placedAt, Instant expiresAt) {
    /** A hold that stays until released. */
    public Hold(String id, String type, String reason, String assignedTo, String note, String placedBy, Instant placedAt) {
        this(id, type, reason, assignedTo, note, placedBy, placedAt, null);
    }

    /** The deadline kind that releases this hold when it expires (the scheduled sweeper). */
    public static final String EXPIRY_KIND = "hold_expiry:";

    /** Hold types; {@code fraud} holds may only be released by someone allowed to release fraud holds. */
    public static final java.util.Set<String> TYPES = java.util.Set.of("manual_review", "fraud", "payment", "inventory", "address", "customer_request", "cancellation_failed", "other");
}
