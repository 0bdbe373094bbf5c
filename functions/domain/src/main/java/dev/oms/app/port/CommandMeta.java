package dev.oms.app.port;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.Map;

/** Who, when and why: copied onto every event a command writes. */
public record CommandMeta(Actor actor, String correlationId, Instant occurredAt, String reason, Map<String, String> metadata) {
    public CommandMeta {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
