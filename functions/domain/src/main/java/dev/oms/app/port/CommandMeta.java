package dev.oms.app.port;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.Map;

/**
 * Who, when and why: copied onto every event a command writes. {@code actorRoles} and {@code clientIp} are for the
 * audit only (stored on the event item, never sent to consumers: the envelope leaves them out).
 */
public record CommandMeta(Actor actor, String correlationId, Instant occurredAt, String reason, Map<String, String> metadata,
                          java.util.List<String> actorRoles, String clientIp) {
    public CommandMeta {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        actorRoles = actorRoles == null ? java.util.List.of() : java.util.List.copyOf(actorRoles);
    }

    public CommandMeta(Actor actor, String correlationId, Instant occurredAt, String reason, Map<String, String> metadata) {
        this(actor, correlationId, occurredAt, reason, metadata, null, null);
    }
}
