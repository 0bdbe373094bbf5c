package dev.oms.app.port;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.Map;

/**
 * An event item as stored: the envelope of ARCHITECTURE.md section 6 plus reason and metadata for audit, and the
 * actor's roles and client address (audit only; empty and null for events written before they were recorded).
 */
public record StoredEvent(String id, String type, int schemaVersion, String tenantId, String orderId, long sequence,
                          Instant occurredAt, String correlationId, Actor actor, String reason,
                          Map<String, String> metadata, Map<String, Object> data, java.util.List<String> actorRoles, String clientIp) {
    public StoredEvent {
        actorRoles = actorRoles == null ? java.util.List.of() : java.util.List.copyOf(actorRoles);
    }

    public StoredEvent(String id, String type, int schemaVersion, String tenantId, String orderId, long sequence,
                       Instant occurredAt, String correlationId, Actor actor, String reason,
                       Map<String, String> metadata, Map<String, Object> data) {
        this(id, type, schemaVersion, tenantId, orderId, sequence, occurredAt, correlationId, actor, reason, metadata, data, null, null);
    }
}
