package dev.oms.app;

import dev.oms.app.port.ResponseJournal;
import dev.oms.app.security.Caller;

/**
 * Everything a command needs besides its own arguments: the caller, the request's correlation id, the version the
 * caller expects (from If-Match or a body {@code version}; null for "latest"), the reason it gave, and the journal
 * for the idempotent response.
 */
public record CommandContext(Caller caller, String correlationId, Long expectedVersion, String reason, ResponseJournal journal) {
    public CommandContext {
        if (journal == null) journal = ResponseJournal.NONE;
    }

    public CommandContext withReason(String newReason) {
        return new CommandContext(caller, correlationId, expectedVersion, newReason, journal);
    }

    public String tenantId() { return caller.tenantId(); }
}
