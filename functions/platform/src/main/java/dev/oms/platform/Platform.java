package dev.oms.platform;

import dev.oms.app.AuditService;
import dev.oms.app.CancellationService;
import dev.oms.app.FulfillOrderSteps;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderService;
import dev.oms.app.PostbackService;
import dev.oms.app.RepairService;
import dev.oms.app.WebhookDeliveries;
import dev.oms.app.WebhookSubscriptions;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.SnsNotificationSender;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.aws.SfnSagaCallbacks;
import dev.oms.platform.connectors.SandboxCarrier;
import dev.oms.platform.connectors.SandboxFraud;
import dev.oms.platform.connectors.SandboxInventory;
import dev.oms.platform.connectors.SandboxPayments;
import dev.oms.platform.dynamo.DynamoAuditLog;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.dynamo.DynamoInboundSecrets;
import dev.oms.platform.dynamo.DynamoWebhookStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.webhooks.HttpWebhookSender;
import dev.oms.platform.webhooks.InboundWebhooks;
import dev.oms.platform.webhooks.SqsWebhookQueue;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import dev.oms.platform.ids.UlidIds;
import java.time.Clock;

/**
 * The composition root of a container: clients, repositories, connectors and use cases, built once on first use and
 * shared by every handler in the JVM (one per Lambda container; one for all functions in the local runtime).
 */
public final class Platform {
    private static volatile Platform instance;

    public final Clock clock = Clock.systemUTC();
    public final IdGenerator ids = new UlidIds();
    public final SingleTable table;
    public final IdempotencyStore idempotency;
    public final Cursors cursors;
    public final DynamoTenantSettings settings;
    public final SandboxPayments payments;
    public final SandboxInventory inventory;
    public final OrderService orders;
    public final AuditService audit;
    public final NotificationSender notifications;
    public final CancellationService cancellations;
    public final RepairService repairs;
    public final DynamoWebhookStore webhookStore;
    public final WebhookUrlGuard webhookUrls;
    public final HttpWebhookSender webhookSender;
    public final WebhookSubscriptions webhooks;
    public final WebhookDeliveries webhookDeliveries;
    public final DynamoInboundSecrets inboundSecrets;
    public final InboundWebhooks inbound;
    public final PostbackService postbacks;
    public final dev.oms.app.PaymentService paymentLinks;
    public final dev.oms.app.RefundService refunds;
    public final dev.oms.platform.storage.S3DocumentStorage documentStorage;
    public final dev.oms.app.InvoiceService invoices;
    public final dev.oms.app.DocumentService documents;
    public final SandboxCarrier carrier;
    public final FulfillmentService fulfillments;
    public final FulfillOrderSteps fulfillOrder;
    public final dev.oms.app.ReturnService returns;
    public final dev.oms.app.ReturnSettlements returnSettlements;
    public final dev.oms.app.ReturnSaga returnSaga;
    public final dev.oms.platform.labels.ReturnLabels returnLabels;
    // ---- connector registry (issue 10): the ports the use cases see, routed per tenant ----------------------------
    public final dev.oms.platform.connectors.registry.Connectors connectors;
    public final dev.oms.app.connector.registry.ConnectorAdministration connectorAdmin;
    public final dev.oms.platform.connectors.registry.LabelPurchases labelPurchases;
    // ---- end of connector registry ---------------------------------------------------------------------------------

    private Platform() {
        BackgroundInit.start(); // Log4j on a second thread, Jackson on this one, then the AWS clients
        table = SingleTable.fromEnvironment();
        idempotency = new IdempotencyStore(table, clock);
        cursors = Cursors.fromEnvironment();
        settings = new DynamoTenantSettings(table);
        payments = new SandboxPayments(table, ids);
        inventory = new SandboxInventory(table);
        documentStorage = dev.oms.platform.storage.S3DocumentStorage.fromEnvironment();
        carrier = new SandboxCarrier(table, clock);
        NotificationSender snsNotifications = new SnsNotificationSender(AwsClients::sns, Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications"));
        // ---- connector registry (issue 10): the sandboxes are the default adapters; the use cases get routed ports
        var connectorRegistry = new dev.oms.platform.dynamo.DynamoConnectorRegistry(table);
        var connectorCalls = new dev.oms.platform.dynamo.DynamoConnectorCallLog(table);
        connectors = new dev.oms.platform.connectors.registry.Connectors(connectorRegistry, connectorCalls, ids, clock,
                new dev.oms.platform.connectors.registry.ConnectorAdapterProvider.Environment(
                        dev.oms.platform.connectors.registry.ConnectorSecretsLoader.load(),
                        clock, Env.get("CONNECTOR_ALLOW_LOCALHOST", "false").equals("true"),
                        labelPurchases = new dev.oms.platform.dynamo.DynamoLabelPurchases(table, clock), documentStorage,
                        new dev.oms.platform.dynamo.DynamoNotificationSuppressions(table, clock)),
                Env.get("CONNECTORS_REQUIRE_REGISTRY", "false").equals("true"))
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.PAYMENTS, payments)
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.INVENTORY, inventory)
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.FRAUD, new SandboxFraud())
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.CARRIER, carrier)
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.BILLING, new dev.oms.platform.connectors.SandboxBilling(documentStorage))
                .sandbox(dev.oms.app.connector.registry.ConnectorPort.NOTIFICATIONS, snsNotifications);
        connectorAdmin = new dev.oms.app.connector.registry.ConnectorAdministration(connectorRegistry, connectorCalls, clock);
        var routedPayments = new dev.oms.platform.connectors.registry.RoutedPayments(connectors);
        var routedInventory = new dev.oms.platform.connectors.registry.RoutedInventory(connectors);
        var routedCarrier = new dev.oms.platform.connectors.registry.RoutedCarrier(connectors);
        var routedNotifications = new dev.oms.platform.connectors.registry.RoutedNotifications(connectors);
        notifications = routedNotifications;
        // ---- end of connector registry
        DynamoOrderRepository repository = new DynamoOrderRepository(table, ids);
        orders = new OrderService(repository, settings, routedPayments, routedInventory,
                new dev.oms.platform.connectors.registry.RoutedFraud(connectors), ids, clock);
        audit = new AuditService(orders, new DynamoAuditLog(table));
        DynamoRepairQueue repairQueue = new DynamoRepairQueue(table);
        cancellations = new CancellationService(orders.transactions(), settings, routedPayments, routedInventory, routedNotifications, repairQueue, ids, clock);
        repairs = new RepairService(repairQueue, cancellations, orders.transactions(), clock);
        repairs.useSagaRestarts(new dev.oms.platform.dynamo.SagaStartGuards(table, clock)::rearm);
        webhookStore = new DynamoWebhookStore(table);
        webhookUrls = WebhookUrlGuard.fromEnvironment();
        webhookSender = new HttpWebhookSender(webhookUrls, clock);
        SqsWebhookQueue webhookQueue = new SqsWebhookQueue(AwsClients::sqs,
                Env.get("WEBHOOK_DELIVERY_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/oms-webhook-deliveries"));
        webhooks = new WebhookSubscriptions(webhookStore, webhookQueue, webhookSender, WebhookSignature::newSecret, ids, clock);
        webhookDeliveries = new WebhookDeliveries(webhookStore, webhookQueue, webhookSender, clock);
        inboundSecrets = new DynamoInboundSecrets(table);
        inbound = new InboundWebhooks(inboundSecrets::get, clock);
        postbacks = new PostbackService(orders, clock);
        paymentLinks = new dev.oms.app.PaymentService(orders.transactions(), routedPayments, clock);
        refunds = new dev.oms.app.RefundService(orders.transactions(), routedPayments,
                new dev.oms.platform.connectors.SandboxStoreCredit(table, ids), ids, clock);
        invoices = new dev.oms.app.InvoiceService(orders.transactions(), repository,
                new dev.oms.platform.connectors.registry.RoutedBilling(connectors), ids, clock);
        refunds.onIssued(invoices::creditNoteAfterRefund);
        documents = new dev.oms.app.DocumentService(orders.transactions(), documentStorage, ids, clock);
        SfnSagaCallbacks sagaCallbacks = new SfnSagaCallbacks(AwsClients::stepFunctions);
        fulfillments = new FulfillmentService(orders.transactions(), settings, routedInventory, routedCarrier, sagaCallbacks, ids, clock);
        fulfillOrder = new FulfillOrderSteps(fulfillments, settings, routedNotifications, sagaCallbacks, clock);
        returns = new dev.oms.app.ReturnService(orders.transactions(), settings, ids, clock);
        returnSettlements = new dev.oms.app.ReturnSettlements(returns, orders, refunds, clock);
        returnLabels = new dev.oms.platform.labels.ReturnLabels(returns, routedCarrier, documentStorage, settings,
                Env.get("LABEL_SHIP_FROM", dev.oms.platform.labels.ShipmentLabels.DEFAULT_SHIP_FROM), clock);
        returnSaga = new dev.oms.app.ReturnSaga(returns, returnSettlements, routedInventory, repairQueue, sagaCallbacks, clock);
    }

    public static Platform get() {
        Platform p = instance;
        if (p == null) {
            synchronized (Platform.class) {
                if (instance == null) instance = new Platform();
                p = instance;
            }
        }
        return p;
    }
}
