package dev.oms.domain.order;

import java.time.Instant;

/** A short-lived advisory lock: while it is held, only its owner may change the order. */
public record OrderLock(String id, String owner, String purpose, Instant acquiredAt, Instant expiresAt) {
    public boolean isActiveAt(Instant now) { return now.isBefore(expiresAt); }
}
