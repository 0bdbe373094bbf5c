package dev.oms.platform;

import dev.oms.app.AuditService;
import dev.oms.app.OrderService;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.connectors.SandboxFraud;
import dev.oms.platform.connectors.SandboxInventory;
import dev.oms.platform.connectors.SandboxPayments;
import dev.oms.platform.dynamo.DynamoAuditLog;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
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

    private Platform() {
        BackgroundInit.start(); // Log4j on a second thread, Jackson on this one, then the AWS clients
        table = SingleTable.fromEnvironment();
        idempotency = new IdempotencyStore(table, clock);
        cursors = Cursors.fromEnvironment();
        settings = new DynamoTenantSettings(table);
        payments = new SandboxPayments(table, ids);
        inventory = new SandboxInventory(table);
        DynamoOrderRepository repository = new DynamoOrderRepository(table, ids);
        orders = new OrderService(repository, settings, payments, inventory, new SandboxFraud(), ids, clock);
        audit = new AuditService(orders, new DynamoAuditLog(table));
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
