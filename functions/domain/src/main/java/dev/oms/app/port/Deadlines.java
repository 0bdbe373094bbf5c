package dev.oms.app.port;

import java.time.Instant;
import java.util.List;

/**
 * Per-order deadlines a policy set ({@code auto_cancel_unpaid}): one item per order and kind, indexed by due time
 * across tenants so a scheduled sweeper finds the due ones with a few Queries (no Scan), as the saga sweeper does.
 */
public interface Deadlines {
    record Deadline(String tenantId, String orderId, String kind, Instant dueAt, String policyId) { }

    /** Sets the deadline unless the order already has one of this kind (a repeated event changes nothing). */
    void set(Deadline deadline);

    /** Sets the deadline whether or not the order has one of this kind (it moves: one write). */
    void move(Deadline deadline);

    /** Removes the order's deadline of this kind, if any. */
    void clear(String tenantId, String orderId, String kind);

    /** Deadlines due at {@code now}, oldest first, at most {@code limit}. */
    List<Deadline> due(Instant now, int limit);
}
