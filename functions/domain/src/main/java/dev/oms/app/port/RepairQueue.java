package dev.oms.app.port;

import java.util.Optional;

/** Work that a saga could not finish or undo by itself, waiting for a person: list, retry, skip or force. */
public interface RepairQueue {
    /** Stores the item unless one with its id exists (a retried saga step opens it once). */
    void open(RepairItem item);

    Optional<RepairItem> find(String tenantId, String repairId);

    Page<RepairItem> list(String tenantId, String state, PageRequest page);

    /** Writes a changed item if it is still at {@code expectedVersion}. */
    void update(RepairItem item, long expectedVersion);
}
