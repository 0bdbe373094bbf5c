package dev.oms.orders;

import dev.oms.app.connector.registry.ConnectorAdministration;
import dev.oms.app.settings.SettingsService;
import dev.oms.app.warehouseops.DeviceRegistry;
import dev.oms.app.warehouseops.PackagingProfileService;
import dev.oms.app.warehouseops.RoutingRuleService;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the warehouse operations function group (seed 003, docs/fulfillment-operations.md): the
 * tenant's order settings (their fulfilment part, the same {@link SettingsService}), the connector registry's health,
 * and the routing rules, packaging profiles and devices of {@link DynamoWarehouseOps}; DynamoDB only.
 */
final class WarehouseOpsApi {
    private static final Once<WarehouseOpsApi> INSTANCE = Once.of(() -> new WarehouseOpsApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final SingleTable table;
    final SettingsService settings;
    final ConnectorAdministration connectorAdmin;
    final RoutingRuleService routingRules;
    final PackagingProfileService packagingProfiles;
    final DeviceRegistry devices;

    private WarehouseOpsApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        table = core.table;
        settings = new SettingsService(new DynamoOrderSettings(core.table), core.clock);
        connectorAdmin = core.connectorAdmin;
        DynamoWarehouseOps store = new DynamoWarehouseOps(core.table);
        routingRules = new RoutingRuleService(store, core.ids, core.clock);
        packagingProfiles = new PackagingProfileService(store, core.ids, core.clock);
        devices = new DeviceRegistry(store, core.ids, core.clock);
    }

    static WarehouseOpsApi get() { return INSTANCE.get(); }
}
