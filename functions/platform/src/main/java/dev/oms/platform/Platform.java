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
import dev.oms.platform.messaging.SnsNotificationSender;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.messaging.SfnSagaCallbacks;
import dev.oms.platform.connectors.SandboxInventory;
import dev.oms.platform.connectors.SandboxPayments;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.webhooks.DynamoInboundSecrets;
import dev.oms.platform.dynamo.DynamoWebhookStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.webhooks.HttpWebhookSender;
import dev.oms.platform.webhooks.InboundWebhooks;
import dev.oms.platform.messaging.SqsWebhookQueue;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import dev.oms.platform.wiring.CoreServices;
import java.time.Clock;

/**
 * The composition root of the worker functions (streams, workflows, jobs) and of the tests: every use case, on top of
 * {@link CoreServices}, built once on first use. The API functions do not use it: each API module has its own, smaller
 * root ({@code OrdersApi}, {@code WebhooksApi}, {@code FulfilmentApi}, {@code MoneyApi}, {@code JobsApi}) that wires only
 * what its routes use, so its jar and its cold start carry nothing else.
 */
public final class Platform {
    private static volatile Platform instance;

    public final CoreServices core;
    public final Clock clock;
    public final IdGenerator ids;
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
    /** The cancel-order saga's notice to the customer. */
    public final dev.oms.app.CancellationNotices cancellationNotices;
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
    public final dev.oms.app.connector.CarrierService carrier;
    public final dev.oms.platform.connectors.SandboxCarrier sandboxCarrier;
    public final FulfillmentService fulfillments;
    public final FulfillOrderSteps fulfillOrder;
    public final dev.oms.app.ReturnService returns;
    public final dev.oms.app.ReturnSettlements returnSettlements;
    public final dev.oms.app.ReturnSaga returnSaga;
    public final dev.oms.platform.labels.ReturnLabels returnLabels;
    // ---- issue 11: order edits by quote (OrderEditsHandler, the edit-order saga) ----
    public final dev.oms.app.OrderEditService orderEdits;
    public final dev.oms.app.OrderEditSaga orderEditSaga;
    public final dev.oms.app.OrderReplacements orderReplacements;
    // ---- connector registry (issue 10): built by CoreServices; the use cases get routed ports ----
    public final dev.oms.platform.connectors.registry.Connectors connectors;
    public final dev.oms.app.connector.registry.ConnectorAdministration connectorAdmin;
    public final dev.oms.app.connector.registry.LabelPurchases labelPurchases;

    private Platform() {
        core = CoreServices.get();
        clock = core.clock;
        ids = core.ids;
        table = core.table;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        settings = core.settings;
        payments = core.sandboxPayments;
        inventory = core.sandboxInventory;
        connectors = core.connectors;
        connectorAdmin = core.connectorAdmin;
        labelPurchases = core.labelPurchases;
        DynamoOrderRepository repository = core.repository;
        orders = core.orders;
        audit = core.audit;
        DynamoRepairQueue repairQueue = core.repairQueue;
        notifications = core.notifications(new SnsNotificationSender(Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications")));
        cancellations = new CancellationService(orders.transactions(), settings, core.payments, core.inventory, repairQueue, ids, clock);
        cancellationNotices = new dev.oms.app.CancellationNotices(cancellations, notifications);
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
        paymentLinks = new dev.oms.app.PaymentService(orders.transactions(), core.payments, clock);
        dev.oms.platform.billing.MoneyServices money = new dev.oms.platform.billing.MoneyServices(core, new dev.oms.platform.documents.PdfBoxRenderer());
        refunds = money.refunds;
        documentStorage = money.documentStorage;
        invoices = money.invoices;
        documents = money.documents;
        dev.oms.platform.labels.FulfilmentServices f = new dev.oms.platform.labels.FulfilmentServices(core, money);
        carrier = f.carrier;
        sandboxCarrier = f.sandboxCarrier;
        SfnSagaCallbacks sagaCallbacks = f.sagaCallbacks;
        fulfillments = f.fulfillments;
        fulfillOrder = new FulfillOrderSteps(fulfillments, settings, notifications,
                core.fulfillmentProvider(), sagaCallbacks, clock);
        returns = f.returns;
        returnSettlements = f.returnSettlements;
        returnLabels = f.returnLabels;
        returnSaga = new dev.oms.app.ReturnSaga(returns, returnSettlements, core.inventory, repairQueue, sagaCallbacks, clock);
        // ---- issue 11: order edits by quote ----
        orderEdits = new dev.oms.app.OrderEditService(orders.transactions(), new dev.oms.platform.dynamo.DynamoEditQuoteStore(table),
                settings, core.payments, core.inventory, ids, clock);
        orderEditSaga = new dev.oms.app.OrderEditSaga(orders.transactions(), core.payments, core.inventory, repairQueue, ids, clock);
        orderReplacements = new dev.oms.app.OrderReplacements(orders.transactions(), repository, cancellations, ids, clock);
    }

    // ---- automation policies (seed 000 section 16; issue 11) ----
    private volatile SupportAndSettings supportAndSettings;

    /** The policy engine of the policy functions, composed on first use. */
    public SupportAndSettings cases() {
        SupportAndSettings s = supportAndSettings;
        if (s == null) {
            synchronized (this) {
                if (supportAndSettings == null) supportAndSettings = new SupportAndSettings(this);
                s = supportAndSettings;
            }
        }
        return s;
    }
    // ---- end of issue 11 block ----

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
