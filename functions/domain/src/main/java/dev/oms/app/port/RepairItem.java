package dev.oms.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A repair item: which order and saga run failed, at what step and why, and every action people took on it.
 * States: {@code open}, then {@code retried}, {@code skipped} or {@code forced} (cancellations), or {@code settled}
 * (a parked return, once it was settled by hand and its saga closed it).
 */
public record RepairItem(String id, String tenantId, String orderId, String cancellationId, String kind, String failedStep,
                         String failure, String state, Instant createdAt, Instant updatedAt, long version,
                         List<Map<String, Object>> history) {
    public RepairItem {
        history = List.copyOf(history);
    }

    public RepairItem resolved(String newState, Map<String, Object> entry, Instant now) {
        List<Map<String, Object>> more = new java.util.ArrayList<>(history);
        more.add(entry);
        return new RepairItem(id, tenantId, orderId, cancellationId, kind, failedStep, failure, newState, createdAt, now, version + 1, more);
    }
}
