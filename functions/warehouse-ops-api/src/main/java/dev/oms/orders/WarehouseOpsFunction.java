package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/**
 * The warehouse operations of the fulfilment service (seed 003) as one Lambda function: settings, health and roles,
 * routing rules, packaging profiles, devices and their keys, fulfilment webhooks, metrics, tasks and queues.
 */
public final class WarehouseOpsFunction extends ApiFunction {
    public WarehouseOpsFunction() { this(WarehouseOpsApi.get()); }

    WarehouseOpsFunction(WarehouseOpsApi p) {
        super(p.idempotency, p.clock, new WarehouseSettingsHandler(p), new RoutingRulesHandler(p), new PackagingProfilesHandler(p),
                new WarehouseDevicesHandler(p), new WarehouseKeysHandler(p), new FulfillmentWebhooksHandler(p), new FulfillmentMetricsHandler(p),
                new WarehouseTasksHandler(p));
    }
}
