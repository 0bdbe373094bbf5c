package dev.oms.orders;

import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.registry.ConnectorCallLog;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouseops.FulfilmentConnectors;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.dynamo.DynamoConnectorCallLog;
import dev.oms.platform.dynamo.DynamoFulfilmentIndex;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedProviders;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the fulfilment connectors function (seed 003 section 7, docs/fulfillment-connectors.md):
 * the connectors of {@link DynamoWarehouseOps}, the connector registry's calls ({@link Connectors}, with the
 * {@code http} and {@code sftp} adapters on the class path and the sandbox provider), each connector's call log, the
 * order transactions (to read the fulfilment a push names) and the job runner's submit side ({@link Jobs}).
 */
final class WarehouseConnectorsApi {
    private static final Once<WarehouseConnectorsApi> INSTANCE = Once.of(() -> new WarehouseConnectorsApi(RelayedProviders.attach(CoreServices.get()), Jobs.get()));

    final Clock clock;
    final IdGenerator ids;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final FulfilmentConnectors connectors;
    final Connectors calls;
    final ConnectorCallLog callLog;
    final OrderTransactions orders;
    final Jobs jobs;

    private WarehouseConnectorsApi(CoreServices core, Jobs jobs) {
        clock = core.clock;
        ids = core.ids;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        WarehouseDirectory warehouses = new WarehouseDirectory(new DynamoWarehouseStore(core.table, core.ids), new DynamoFulfilmentIndex(core.table),
                core.ids, core.clock);
        connectors = new FulfilmentConnectors(new DynamoWarehouseOps(core.table), warehouses, core.ids, core.clock);
        core.fulfillmentProvider(); // registers the sandbox provider: the adapter of sandbox connectors
        calls = core.connectors;
        callLog = new DynamoConnectorCallLog(core.table);
        orders = core.transactions();
        this.jobs = jobs;
    }

    static WarehouseConnectorsApi get() { return INSTANCE.get(); }
}
