package dev.oms.app.port;

import java.time.Instant;

/** Audit search: by actor id or by action (event type), within a time range; newest first. */
public record AuditFilter(String actorId, String action, Instant from, Instant to) { }
