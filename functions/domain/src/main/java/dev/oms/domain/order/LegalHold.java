package dev.oms.domain.order;

import java.time.Instant;

/**
 * A legal hold on an order (litigation, an investigation, a tax audit): while it is set the order is never removed,
 * neither by a hard delete nor by the retention job. Unlike a {@link Hold} it does not stop the order's work; it only
 * keeps its records. The admin API sets and lifts it ({@code OrderService.placeLegalHold}, {@code releaseLegalHold}).
 */
public record LegalHold(String reason, String placedBy, Instant placedAt) {
    public static final int MAX_REASON = 500;
}
