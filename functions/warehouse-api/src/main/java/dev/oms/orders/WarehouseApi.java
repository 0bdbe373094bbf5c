package dev.oms.orders;

import dev.oms.app.AuditService;
import dev.oms.app.FulfillmentService;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.app.warehouse.WarehouseFulfilments;
import dev.oms.app.warehouse.WarehouseInsights;
import dev.oms.app.warehouse.WarehousePacking;
import dev.oms.app.warehouse.WarehousePicking;
import dev.oms.app.warehouseops.PackagingProfileService;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.connectors.SandboxCarrier;
import dev.oms.platform.dynamo.DynamoAllocationStore;
import dev.oms.platform.dynamo.DynamoAuditLog;
import dev.oms.platform.dynamo.DynamoFulfilmentIndex;
import dev.oms.platform.dynamo.DynamoPackingStore;
import dev.oms.platform.dynamo.DynamoPicklistStore;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.messaging.SfnSagaCallbacks;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the warehouse flow function group (seed 003, docs/fulfillment-service.md): the order's
 * fulfilments seen by the warehouse ({@link WarehouseFulfilments} over the canonical {@link FulfillmentService}: the
 * inventory port reserves and releases, a waiting fulfil-order saga is told through Step Functions), the warehouses
 * and the fulfilment index, allocations (stock by lot through the inventory port), pick lists, and what the pick events
 * say about capacity and slotting, pack stations, serials, lots and their traceability, all in the one table.
 */
final class WarehouseApi {
    private static final Once<WarehouseApi> INSTANCE = Once.of(() -> new WarehouseApi(CoreServices.get(), dev.oms.platform.jobs.Jobs.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final AuditService audit;
    final WarehouseFulfilments fulfilments;
    final WarehouseDirectory warehouses;
    final DynamoFulfilmentIndex index;
    final WarehouseAllocations allocations;
    final WarehousePicking picking;
    final WarehouseInsights insights;
    final WarehousePacking packing;
    /** Where {@code allocations/bulk} queues its {@code bulk_allocations} job. */
    final dev.oms.platform.jobs.Jobs jobs;

    private WarehouseApi(CoreServices core, dev.oms.platform.jobs.Jobs jobs) {
        this.jobs = jobs;
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        audit = core.audit;
        FulfillmentService canonical = new FulfillmentService(core.transactions(), core.settings, core.inventory,
                core.carrier(new SandboxCarrier(core.table, core.clock)), new SfnSagaCallbacks(), core.ids, core.clock);
        fulfilments = new WarehouseFulfilments(canonical, core.ids, core.clock);
        index = new DynamoFulfilmentIndex(core.table);
        DynamoWarehouseStore warehouseStore = new DynamoWarehouseStore(core.table, core.ids);
        warehouses = new WarehouseDirectory(warehouseStore, index, core.ids, core.clock);
        DynamoAllocationStore allocationStore = new DynamoAllocationStore(core.table);
        allocations = new WarehouseAllocations(core.transactions(), core.inventory, allocationStore, warehouseStore, core.ids, core.clock);
        DynamoPicklistStore picklistStore = new DynamoPicklistStore(core.table, core.ids);
        picking = new WarehousePicking(picklistStore, allocationStore, allocations, core.transactions(), core.ids, core.clock);
        insights = new WarehouseInsights(warehouses, new DynamoAuditLog(core.table), core.clock);
        packing = new WarehousePacking(new DynamoPackingStore(core.table, core.ids), warehouses, warehouseStore,
                new PackagingProfileService(new DynamoWarehouseOps(core.table), core.ids, core.clock), core.transactions(), picklistStore, allocationStore,
                core.inventory, core.ids, core.clock);
    }

    static WarehouseApi get() { return INSTANCE.get(); }
}
