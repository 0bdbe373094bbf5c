package dev.oms.app.port;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.Map;

/** An event item as stored: the envelope of ARCHITECTURE.md section 6 plus reason and metadata for audit. */
public record StoredEvent(String id, String type, int schemaVersion, String tenantId, String orderId, long sequence,
                          Instant occurredAt, String correlationId, Actor actor, String reason,
                          Map<String, String> metadata, Map<String, Object> data) { }
