package dev.oms.orders;

import dev.oms.app.AuditService;
import dev.oms.app.OrderService;
import dev.oms.app.PaymentService;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the orders API functions: orders, lines, lifecycle, audit, locks and payment links, the
 * health check and the route fallback. DynamoDB only.
 */
final class OrdersApi {
    private static final Once<OrdersApi> INSTANCE = Once.of(() -> new OrdersApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final SingleTable table;
    final OrderService orders;
    final AuditService audit;
    final PaymentService paymentLinks;

    private OrdersApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        table = core.table;
        orders = core.orders;
        audit = core.audit;
        paymentLinks = new PaymentService(core.transactions(), core.payments, core.clock);
    }

    static OrdersApi get() { return INSTANCE.get(); }
}
