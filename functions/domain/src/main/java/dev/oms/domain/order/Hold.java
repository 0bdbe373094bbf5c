package dev.oms.domain.order;

import java.time.Instant;

/** One reason an order is blocked. An order stays on hold until its last hold is released. */
public record Hold(String id, String type, String reason, String assignedTo, String note,
                   String placedBy, Instant placedAt) {
    /** Hold types; {@code fraud} holds may only be released by someone allowed to release fraud holds. */
    public static final java.util.Set<String> TYPES = java.util.Set.of("manual_review", "fraud", "payment", "inventory", "address", "customer_request", "cancellation_failed", "other");
}
