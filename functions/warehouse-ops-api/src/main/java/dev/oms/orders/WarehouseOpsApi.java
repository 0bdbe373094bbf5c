package dev.oms.orders;

import dev.oms.app.WebhookSubscriptions;
import dev.oms.app.connector.registry.ConnectorAdministration;
import dev.oms.app.metrics.MetricsService;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.settings.SettingsService;
import dev.oms.app.warehouseops.DeviceRegistry;
import dev.oms.app.warehouseops.FulfilmentWebhooks;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.warehouseops.PackagingProfileService;
import dev.oms.app.warehouseops.WarehouseTasks;
import dev.oms.app.warehouseops.RoutingRuleService;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouseops.FulfilmentSlas;
import dev.oms.platform.dynamo.DynamoFulfilmentIndex;
import dev.oms.platform.dynamo.DynamoMetricsStore;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoQueueLeases;
import dev.oms.platform.dynamo.DynamoTaskIndex;
import dev.oms.platform.dynamo.DynamoWebhookStore;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.messaging.SqsWebhookQueue;
import dev.oms.platform.webhooks.HttpWebhookSender;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the warehouse operations function group (seed 003, docs/fulfillment-operations.md): the
 * tenant's order settings (their fulfilment part, the same {@link SettingsService}), the connector registry's health,
 * the webhook engine ({@link WebhookSubscriptions}: the store, the delivery queue on SQS, the signed sender) limited to
 * fulfilment events, the metrics counters, the order tasks and queue leases (warehouse tasks), and the routing rules, packaging profiles and devices of
 * {@link DynamoWarehouseOps}.
 */
final class WarehouseOpsApi {
    private static final Once<WarehouseOpsApi> INSTANCE = Once.of(() -> new WarehouseOpsApi(CoreServices.get()));

    final Clock clock;
    final IdGenerator ids;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final SingleTable table;
    final SettingsService settings;
    final ConnectorAdministration connectorAdmin;
    final RoutingRuleService routingRules;
    final PackagingProfileService packagingProfiles;
    final DeviceRegistry devices;
    final dev.oms.app.keys.ApiKeyService keys;
    final WebhookUrlGuard webhookUrls;
    final FulfilmentWebhooks webhooks;
    final MetricsService metrics;
    final WarehouseTasks tasks;
    final WarehouseDirectory warehouses;
    final FulfilmentSlas slas;

    private WarehouseOpsApi(CoreServices core) {
        clock = core.clock;
        ids = core.ids;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        table = core.table;
        settings = new SettingsService(new DynamoOrderSettings(core.table), core.clock);
        connectorAdmin = core.connectorAdmin;
        DynamoWarehouseOps store = new DynamoWarehouseOps(core.table);
        routingRules = new RoutingRuleService(store, core.ids, core.clock);
        packagingProfiles = new PackagingProfileService(store, core.ids, core.clock);
        devices = new DeviceRegistry(store, core.ids, core.clock);
        keys = new dev.oms.app.keys.ApiKeyService(new dev.oms.platform.dynamo.DynamoApiKeys(core.table), core.ids, core.clock);
        webhookUrls = WebhookUrlGuard.fromEnvironment();
        SqsWebhookQueue queue = new SqsWebhookQueue(AwsClients::sqs,
                Env.get("WEBHOOK_DELIVERY_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/oms-webhook-deliveries"));
        webhooks = new FulfilmentWebhooks(new WebhookSubscriptions(new DynamoWebhookStore(core.table), queue,
                new HttpWebhookSender(webhookUrls, clock), WebhookSignature::newSecret, ids, clock));
        metrics = new MetricsService(new DynamoMetricsStore(core.table));
        DynamoWarehouseStore warehouseStore = new DynamoWarehouseStore(core.table, core.ids);
        DynamoFulfilmentIndex fulfilmentIndex = new DynamoFulfilmentIndex(core.table);
        warehouses = new WarehouseDirectory(warehouseStore, fulfilmentIndex, core.ids, core.clock);
        slas = new FulfilmentSlas(warehouseStore, fulfilmentIndex, core.clock);
        tasks = new WarehouseTasks(core.transactions(), new OrderTasksService(core.transactions(), new DynamoTaskIndex(core.table), core.ids,
                core.clock), new DynamoQueueLeases(core.table), core.clock);
    }

    static WarehouseOpsApi get() { return INSTANCE.get(); }
}
