package dev.oms.orders;

import dev.oms.app.AuditService;
import dev.oms.app.OrderService;
import dev.oms.app.PaymentService;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the orders API functions: orders, lines, lifecycle, audit, locks and payment links, the
 * health check, the route fallback and the connector registry. DynamoDB, plus the
 * vendors' SDKs for the tenants whose payments, inventory or fraud ports name a vendor.
 */
final class OrdersApi {
    private static final Once<OrdersApi> INSTANCE = Once.of(() -> new OrdersApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final SingleTable table;
    final OrderService orders;
    final AuditService audit;
    final PaymentService paymentLinks;
    /** The connector registry: its administration (ConnectorsHandler) and its routing (health details). */
    final dev.oms.platform.connectors.registry.Connectors connectors;
    final dev.oms.app.connector.registry.ConnectorAdministration connectorAdmin;

    private OrdersApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        table = core.table;
        orders = core.orders;
        audit = core.audit;
        paymentLinks = new PaymentService(core.transactions(), core.payments, core.clock);
        connectors = core.connectors;
        connectorAdmin = core.connectorAdmin;
    }

    static OrdersApi get() { return INSTANCE.get(); }
}
