package dev.oms.app.port;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's warehouses, each written with its event ({@code warehouse.*}, an event of the warehouse aggregate) and the
 * request's idempotency record in one transaction, guarded by {@code version} ({@link ConcurrentUpdateException}).
 */
public interface WarehouseStore {
    Optional<Warehouse> find(String tenantId, String warehouseId);

    Page<Warehouse> list(String tenantId, PageRequest page);

    /** Every warehouse of the tenant (the allocation ranks them; a tenant has few). */
    List<Warehouse> all(String tenantId);

    void create(String tenantId, Warehouse w, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency);

    void update(String tenantId, Warehouse w, long expectedVersion, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency);

    void delete(String tenantId, Warehouse w, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency);

    /** A worker or workstation of a warehouse ({@code kind} {@code worker} or {@code workstation}), with its event (sequence: the warehouse's version). */
    void addResource(String tenantId, Warehouse warehouse, String kind, String id, java.util.Map<String, Object> fields, DomainEvent event,
                     CommandMeta meta, IdempotencyRecord idempotency);

    /** A worker or workstation; empty when the warehouse has none with that id. */
    Optional<java.util.Map<String, Object>> resource(String tenantId, String warehouseId, String kind, String id);
}
