package dev.oms.app;

import dev.oms.app.port.ResponseJournal;
import dev.oms.app.security.Caller;

/**
 * Everything a command needs besides its own arguments: the caller, the request's correlation id, the version the
 * caller expects (from If-Match or a body {@code version}; null for "latest"), the reason it gave, the journal
 * for the idempotent response and the client's address ({@code clientIp}, null off the HTTP path) for the audit.
 */
public record CommandContext(Caller caller, String correlationId, Long expectedVersion, String reason, ResponseJournal journal,
                             String clientIp) {
    public CommandContext {
        if (journal == null) journal = ResponseJournal.NONE;
    }

    /** A command without a client address (workers, schedules, internal steps). */
    public CommandContext(Caller caller, String correlationId, Long expectedVersion, String reason, ResponseJournal journal) {
        this(caller, correlationId, expectedVersion, reason, journal, null);
    }

    public CommandContext withReason(String newReason) {
        return new CommandContext(caller, correlationId, expectedVersion, newReason, journal, clientIp);
    }

    public String tenantId() { return caller.tenantId(); }
}
