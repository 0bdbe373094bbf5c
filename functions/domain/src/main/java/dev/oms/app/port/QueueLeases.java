package dev.oms.app.port;

import java.time.Instant;

/** Leases on work-queue items (admin queues): who works on an item until when; one conditional write decides a race. */
public interface QueueLeases {
    record Lease(String queueId, String itemId, String claimedBy, Instant claimedAt, Instant expiresAt) { }

    /** What a claim found: {@code won}, and the lease now on the item (the caller's, or the holder's when lost). */
    record Outcome(boolean won, Lease lease) { }

    /**
     * Takes the lease in one conditional write when the item has none, an expired one ({@code expiresAt} before the
     * new lease's {@code claimedAt}) or the claimer's own (a renewal); otherwise answers the holder's lease.
     */
    Outcome claim(String tenantId, Lease lease);

    /** The lease on an item, expired or not; empty when it was never claimed (or its record has been removed). */
    java.util.Optional<Lease> find(String tenantId, String queueId, String itemId);
}
