package dev.oms.jobs;

import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouseops.FulfilmentConnectors;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoFulfilmentIndex;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import java.util.function.Function;

/**
 * What the connector jobs ({@link ConnectorPushWork}, {@link InventorySyncWork}) share: the fulfilment connectors and
 * the calls to a connector's provider through the connector registry (circuit breaker, the connector's call log).
 */
final class ConnectorJobs {
    final Platform platform;
    final FulfilmentConnectors connectors;

    ConnectorJobs(Platform platform) {
        this.platform = platform;
        var core = platform.core;
        this.connectors = new FulfilmentConnectors(new DynamoWarehouseOps(core.table), new WarehouseDirectory(
                new DynamoWarehouseStore(core.table, core.ids), new DynamoFulfilmentIndex(core.table), core.ids, core.clock), core.ids, core.clock);
    }

    <R> R call(String tenantId, FulfilmentConnector c, String operation, Function<FulfillmentProvider, R> action) {
        ConnectorConfig config = FulfilmentConnectors.config(tenantId, c);
        return platform.connectors.callConnector(c.id(), config, FulfillmentProvider.class, operation, action);
    }

    /** A refusal the job cannot get past (a deleted or disabled connector, a fulfilment not to push): the job fails with its code. */
    static BadInput refused(DomainException e) { return new BadInput(e.code(), e.getMessage()); }
}
