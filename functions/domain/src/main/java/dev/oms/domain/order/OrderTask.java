package dev.oms.domain.order;

import java.time.Instant;

/**
 * A support task on an order ("call the customer", "investigate the refund"): who does it, by when, how urgent, and
 * where it stands. Stored beside the order (guarded by its version) and indexed across orders by status and by
 * assignee, sorted by due time, for {@code GET /v1/orders/tasks}.
 */
public record OrderTask(String id, String orderId, String title, String description, String assignee, Instant dueAt,
                        String priority, String status, String completionNote, String createdBy, Instant createdAt,
                        String updatedBy, Instant updatedAt, Instant completedAt) implements OrderChild {
    public static final String OPEN = "open", IN_PROGRESS = "in_progress", DONE = "done", CANCELLED = "cancelled";
    public static final java.util.List<String> STATUSES = java.util.List.of(OPEN, IN_PROGRESS, DONE, CANCELLED);
    public static final java.util.List<String> PRIORITIES = java.util.List.of("low", "normal", "high", "urgent");

    @Override
    public String kind() { return "task"; }

    public boolean isFinished() { return DONE.equals(status) || CANCELLED.equals(status); }
}
