package dev.oms.app.port;

import java.util.List;

/**
 * Where the retention job keeps the orders it removes: every stored item of the order (header, lines, children and
 * its events, which are its timeline and audit trail), written to the archive and read back before it answers.
 */
public interface OrderArchive {
    /** What was archived and verified: where, the order's version in it (the removal is pinned to it), how many items. */
    record Archived(String location, long version, int items) { }

    /**
     * Archives the order as it is stored now (the same key on every call, so a retry overwrites the same archive)
     * and reads it back; throws when the read-back does not hold every item.
     */
    Archived archive(String tenantId, String orderId);

    /** The tenants that set {@code order_retention_days} (an index of the settings, no Scan). */
    List<String> tenantsWithRetention();
}
