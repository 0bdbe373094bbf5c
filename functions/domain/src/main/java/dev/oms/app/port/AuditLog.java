package dev.oms.app.port;

import java.util.Optional;

/** Reads the event items that every command writes: per order (timeline) and across a tenant (audit). */
public interface AuditLog {
    Page<StoredEvent> timeline(String tenantId, String orderId, PageRequest page);

    Optional<StoredEvent> find(String tenantId, String orderId, String eventId);

    Page<StoredEvent> search(String tenantId, AuditFilter filter, PageRequest page);
}
