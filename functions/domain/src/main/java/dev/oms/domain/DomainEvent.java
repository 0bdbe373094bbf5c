package dev.oms.domain;

import java.util.Map;

/**
 * Something that happened to an aggregate. It is stored in the same transaction as the change (the outbox),
 * and is also the aggregate's timeline and audit trail. {@code data} holds plain values only
 * (String, Number, Boolean, List, Map) so any adapter can serialise it.
 */
public record DomainEvent(String type, Map<String, Object> data, String reason, Map<String, String> metadata) {
    public DomainEvent {
        data = data == null ? Map.of() : data;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static DomainEvent of(String type, Map<String, Object> data) {
        return new DomainEvent(type, data, null, Map.of());
    }
}
