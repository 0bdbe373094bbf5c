package dev.oms.app.port;

import dev.oms.domain.order.OrderTask;
import java.time.Instant;

/** The tenant's order tasks across orders, from an index sorted by due time (tasks without one last); never a Scan. */
public interface TaskIndex {
    /** {@code status} is required (the index is partitioned by it); the other filters may be null. */
    record TaskFilter(String status, String assignee, String orderId, Instant dueBefore) { }

    Page<OrderTask> list(String tenantId, TaskFilter filter, PageRequest page);
}
