package dev.oms.platform.wiring;

import dev.oms.app.AuditService;
import dev.oms.app.OrderService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.connector.registry.ConnectorAdministration;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.BackgroundInit;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.SandboxFraud;
import dev.oms.platform.connectors.SandboxInventory;
import dev.oms.platform.connectors.SandboxPayments;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import dev.oms.platform.connectors.registry.ConnectorSecretsLoader;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.connectors.registry.RoutedBilling;
import dev.oms.platform.connectors.registry.RoutedCarrier;
import dev.oms.platform.connectors.registry.RoutedFraud;
import dev.oms.platform.connectors.registry.RoutedFulfillmentProvider;
import dev.oms.platform.connectors.registry.RoutedInventory;
import dev.oms.platform.connectors.registry.RoutedNotifications;
import dev.oms.platform.connectors.registry.RoutedPayments;
import dev.oms.platform.dynamo.DynamoAuditLog;
import dev.oms.platform.dynamo.DynamoConnectorCallLog;
import dev.oms.platform.dynamo.DynamoConnectorRegistry;
import dev.oms.platform.dynamo.DynamoLabelPurchases;
import dev.oms.platform.dynamo.DynamoNotificationSuppressions;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.ids.UlidIds;
import java.time.Clock;

/**
 * What every function builds the same way, once per container: the table, idempotency records, tenant settings, the
 * connector registry, the order repository and use case, the audit trail and the repair queue. Needs only DynamoDB.
 *
 * <p>The use cases never see an adapter: they get the routed ports ({@link #payments}, {@link #inventory},
 * {@link #fraud}, and {@link #carrier}, {@link #billing}, {@link #notifications} for the functions that use them),
 * which call the adapter each tenant's registry entry names (docs/connectors.md). A port a tenant did not configure
 * uses the local default, the sandbox, unless the deployment sets {@code CONNECTORS_REQUIRE_REGISTRY=true}. The
 * sandboxes of the carrier, billing and notifications ports need S3, PDFBox or SNS, so only the composition roots
 * that serve those ports register them ({@code FulfilmentServices}, {@code MoneyServices}, the notifying roots).
 */
public final class CoreServices {
    private static volatile CoreServices instance;

    public final Clock clock = Clock.systemUTC();
    public final IdGenerator ids = new UlidIds();
    public final SingleTable table;
    public final IdempotencyStore idempotency;
    public final DynamoTenantSettings settings;
    /** The local and demo defaults of the payment and inventory ports (tests drive their faults and stock). */
    public final SandboxPayments sandboxPayments;
    public final SandboxInventory sandboxInventory;
    public final Connectors connectors;
    public final ConnectorAdministration connectorAdmin;
    /** Carrier labels bought through vendor adapters, recorded before they are bought (read by carrier webhooks). */
    public final DynamoLabelPurchases labelPurchases;
    public final PaymentGateway payments;
    public final InventoryService inventory;
    public final RoutedFraud fraud;
    public final DynamoOrderRepository repository;
    public final OrderService orders;
    public final AuditService audit;
    public final DynamoRepairQueue repairQueue;
    private volatile DocumentStorage vendorDocuments;
    private final DynamoConnectorRegistry registry;
    private final DynamoConnectorCallLog calls;
    private volatile Connectors vendorConnectors;

    private CoreServices() {
        BackgroundInit.start(); // metrics on a second thread, Jackson on this one, then the DynamoDB client
        table = SingleTable.fromEnvironment();
        idempotency = new IdempotencyStore(table, clock);
        settings = new DynamoTenantSettings(table);
        sandboxPayments = new SandboxPayments(table, ids);
        sandboxInventory = new SandboxInventory(table);
        registry = new DynamoConnectorRegistry(table);
        calls = new DynamoConnectorCallLog(table);
        labelPurchases = new DynamoLabelPurchases(table, clock);
        connectors = newConnectors();
        connectorAdmin = new ConnectorAdministration(registry, calls, clock);
        payments = new RoutedPayments(connectors);
        inventory = new RoutedInventory(connectors);
        fraud = new RoutedFraud(connectors);
        repository = new DynamoOrderRepository(table, ids);
        orders = new OrderService(repository, settings, payments, inventory, fraud, ids, clock);
        audit = new AuditService(orders, new DynamoAuditLog(table));
        repairQueue = new DynamoRepairQueue(table);
    }

    private Connectors newConnectors() {
        return new Connectors(registry, calls, ids, clock, new ConnectorAdapterProvider.Environment(
                ConnectorSecretsLoader.load(), clock, Env.get("CONNECTOR_ALLOW_LOCALHOST", "false").equals("true"),
                labelPurchases, this::vendorDocuments, new DynamoNotificationSuppressions(table, clock)),
                Env.get("CONNECTORS_REQUIRE_REGISTRY", "false").equals("true"))
                .sandbox(ConnectorPort.PAYMENTS, sandboxPayments)
                .sandbox(ConnectorPort.INVENTORY, sandboxInventory)
                .sandbox(ConnectorPort.FRAUD, new SandboxFraud());
    }

    /**
     * The connector registry as {@code PaymentsFunction} uses it: the vendors' own adapters, never a relay (the API
     * functions' {@link #connectors} relay their vendor payment calls to it, {@link RelayedPayments}; locally all
     * functions share this object, so the relay keeps its own).
     */
    public Connectors vendorConnectors() {
        Connectors c = vendorConnectors;
        if (c == null) {
            synchronized (this) {
                if (vendorConnectors == null) vendorConnectors = newConnectors();
                c = vendorConnectors;
            }
        }
        return c;
    }

    public OrderTransactions transactions() { return orders.transactions(); }

    /** The carrier port, for a function that books shipments; {@code sandbox} is its local default. */
    public CarrierService carrier(CarrierService sandbox) {
        connectors.sandbox(ConnectorPort.CARRIER, sandbox);
        return new RoutedCarrier(connectors);
    }

    /** The billing port, for a function that issues invoices; {@code sandbox} is its local default. */
    public BillingService billing(BillingService sandbox) {
        connectors.sandbox(ConnectorPort.BILLING, sandbox);
        return new RoutedBilling(connectors);
    }

    /** The notifications port, for a function that notifies customers; {@code sandbox} is its local default. */
    public NotificationSender notifications(NotificationSender sandbox) {
        connectors.sandbox(ConnectorPort.NOTIFICATIONS, sandbox);
        return new RoutedNotifications(connectors);
    }

    /** The fulfilment provider port (3PL, WMS), for the fulfill-order saga; {@code sandbox} is its local default. */
    public FulfillmentProvider fulfillmentProvider(FulfillmentProvider sandbox) {
        connectors.sandbox(ConnectorPort.FULFILLMENT_PROVIDER, sandbox);
        return new RoutedFulfillmentProvider(connectors);
    }

    /** The same with the built-in sandbox provider (it holds what the sandbox inventory holds). */
    public FulfillmentProvider fulfillmentProvider() {
        return fulfillmentProvider(new dev.oms.platform.connectors.SandboxFulfillmentProvider(table, sandboxInventory));
    }

    /** The cart port (the storefront's carts), for a function that reads or makes carts; {@code sandbox} is its local default. */
    public dev.oms.app.connector.CartService cart(dev.oms.app.connector.CartService sandbox) {
        connectors.sandbox(ConnectorPort.CART, sandbox);
        return new dev.oms.platform.connectors.registry.RoutedCart(connectors);
    }

    /** The promotions port (coupon rules), for a function that previews coupons; {@code sandbox} is its local default. */
    public dev.oms.app.connector.PromotionsService promotions(dev.oms.app.connector.PromotionsService sandbox) {
        connectors.sandbox(ConnectorPort.PROMOTIONS, sandbox);
        return new dev.oms.platform.connectors.registry.RoutedPromotions(connectors);
    }

    /** Where vendor adapters archive what they fetch (carrier labels), for the functions that have a documents bucket. */
    public void archiveVendorDocumentsIn(DocumentStorage storage) { vendorDocuments = storage; }

    private DocumentStorage vendorDocuments() {
        DocumentStorage d = vendorDocuments;
        if (d == null) throw new ConnectorException("documents", "archive", "this function has no documents bucket to archive vendor documents in");
        return d;
    }

    public static CoreServices get() {
        CoreServices c = instance;
        if (c == null) {
            synchronized (CoreServices.class) {
                if (instance == null) instance = new CoreServices();
                c = instance;
            }
        }
        return c;
    }
}
