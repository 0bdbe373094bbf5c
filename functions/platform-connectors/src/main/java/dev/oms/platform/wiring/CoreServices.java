package dev.oms.platform.wiring;

import dev.oms.app.AuditService;
import dev.oms.app.OrderService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.BackgroundInit;
import dev.oms.platform.connectors.SandboxFraud;
import dev.oms.platform.connectors.SandboxInventory;
import dev.oms.platform.connectors.SandboxPayments;
import dev.oms.platform.dynamo.DynamoAuditLog;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.ids.UlidIds;
import java.time.Clock;

/**
 * What every function builds the same way, once per container: the table, idempotency records, tenant settings,
 * the order repository and use case, the audit trail, the repair queue, and the payment, inventory and fraud
 * connectors behind the order use case. Needs only DynamoDB. Each function group's composition root (an API
 * module's {@code *Api} class, or {@code Platform} for the workers) adds what its own routes use on top of it.
 */
public final class CoreServices {
    private static volatile CoreServices instance;

    public final Clock clock = Clock.systemUTC();
    public final IdGenerator ids = new UlidIds();
    public final SingleTable table;
    public final IdempotencyStore idempotency;
    public final DynamoTenantSettings settings;
    public final SandboxPayments payments;
    public final SandboxInventory inventory;
    public final DynamoOrderRepository repository;
    public final OrderService orders;
    public final AuditService audit;
    public final DynamoRepairQueue repairQueue;

    private CoreServices() {
        BackgroundInit.start(); // metrics on a second thread, Jackson on this one, then the DynamoDB client
        table = SingleTable.fromEnvironment();
        idempotency = new IdempotencyStore(table, clock);
        settings = new DynamoTenantSettings(table);
        payments = new SandboxPayments(table, ids);
        inventory = new SandboxInventory(table);
        repository = new DynamoOrderRepository(table, ids);
        orders = new OrderService(repository, settings, payments, inventory, new SandboxFraud(), ids, clock);
        audit = new AuditService(orders, new DynamoAuditLog(table));
        repairQueue = new DynamoRepairQueue(table);
    }

    public OrderTransactions transactions() { return orders.transactions(); }

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
