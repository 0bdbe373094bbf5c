package dev.oms.orders;

import dev.oms.app.CancellationService;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderService;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.SandboxCarrier;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.messaging.SfnSagaCallbacks;
import dev.oms.platform.messaging.SnsNotificationSender;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the simple order API (seed 002, {@code /api/orders}): the canonical order, fulfilment and
 * cancellation use cases, the cart port (orders from carts) and customer notices through SNS. It keeps no order state of its own.
 */
final class SimpleOrdersApi {
    private static final Once<SimpleOrdersApi> INSTANCE = Once.of(() -> new SimpleOrdersApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OrderService orders;
    final CancellationService cancellations;
    final FulfillmentService fulfillments;
    final NotificationSender notifications;
    final dev.oms.app.cart.CartCheckout checkout;

    private SimpleOrdersApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        orders = core.orders;
        notifications = core.notifications(new SnsNotificationSender(
                Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications")));
        checkout = new dev.oms.app.cart.CartCheckout(core.orders, core.cart(new dev.oms.platform.connectors.SandboxCart(core.table, core.ids, core.clock)));
        cancellations = new CancellationService(core.transactions(), core.settings, core.payments, core.inventory,
                core.repairQueue, core.ids, core.clock);
        fulfillments = new FulfillmentService(core.transactions(), core.settings, core.inventory, core.carrier(new SandboxCarrier(core.table, core.clock)),
                new SfnSagaCallbacks(), core.ids, core.clock);
    }

    static SimpleOrdersApi get() { return INSTANCE.get(); }
}
