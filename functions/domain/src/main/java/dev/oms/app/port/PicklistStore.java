package dev.oms.app.port;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.warehouse.Picklist;
import java.util.List;
import java.util.Optional;

/**
 * Pick lists, each written with its events ({@code picklist.*}, events of the pick list aggregate) and the request's
 * idempotency record in one transaction, guarded by {@code version} ({@link ConcurrentUpdateException}).
 */
public interface PicklistStore {
    Optional<Picklist> find(String tenantId, String picklistId);

    void create(String tenantId, Picklist p, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency);

    void update(String tenantId, Picklist p, long expectedVersion, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency);
}
