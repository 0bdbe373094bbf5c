package dev.oms.app.port;

import dev.oms.domain.DomainEvent;

/** An event a store writes in the same transaction as the change it records: its id, the event, and who, when and why. */
public record RecordedEvent(String eventId, DomainEvent event, CommandMeta meta) { }
