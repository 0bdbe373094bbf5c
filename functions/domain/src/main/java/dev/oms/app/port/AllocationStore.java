package dev.oms.app.port;

import dev.oms.domain.warehouse.Allocation;
import java.util.Optional;

/** Allocations, each its own item guarded by {@code version} ({@link ConcurrentUpdateException}). */
public interface AllocationStore {
    Optional<Allocation> find(String tenantId, String allocationId);

    /** Writes a new allocation; an allocation with that id already there is left as it is (a retried request). */
    void create(String tenantId, Allocation a);

    void update(String tenantId, Allocation a, long expectedVersion);
}
