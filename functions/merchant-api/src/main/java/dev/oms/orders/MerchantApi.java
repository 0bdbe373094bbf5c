package dev.oms.orders;

import dev.oms.app.AuditService;
import dev.oms.app.CancellationService;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderService;
import dev.oms.app.RefundService;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.search.OrderSearchService;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.SandboxCarrier;
import dev.oms.platform.connectors.SandboxStoreCredit;
import dev.oms.platform.dynamo.DynamoOrderViewCache;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.messaging.SfnSagaCallbacks;
import dev.oms.platform.messaging.SnsNotificationSender;
import dev.oms.platform.search.OpenSearchOrders;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the seller orchestrator (seed 004, {@code /merchant/api/v1/domains/{domainId}/orders}): the
 * canonical use cases it orchestrates (orders, cancellation saga, fulfilments and shipments, refunds, audit timeline),
 * the search index behind its list (null when {@code OMS_SEARCH_ENDPOINT} is not set: the list answers 503
 * {@code search.unavailable}), the order view cache, and customer notices through SNS. It keeps no order state.
 */
final class MerchantApi {
    private static final Once<MerchantApi> INSTANCE = Once.of(() -> new MerchantApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OrderService orders;
    final AuditService audit;
    final CancellationService cancellations;
    final FulfillmentService fulfillments;
    final RefundService refunds;
    final NotificationSender notifications;
    final OrderSearchService search;
    final DynamoOrderViewCache views;

    private MerchantApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        orders = core.orders;
        audit = core.audit;
        notifications = core.notifications(new SnsNotificationSender(
                Env.get("NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:oms-notifications")));
        cancellations = new CancellationService(core.transactions(), core.settings, core.payments, core.inventory,
                core.repairQueue, core.ids, core.clock);
        fulfillments = new FulfillmentService(core.transactions(), core.settings, core.inventory, core.carrier(new SandboxCarrier(core.table, core.clock)),
                new SfnSagaCallbacks(), core.ids, core.clock);
        refunds = new RefundService(core.transactions(), core.payments, new SandboxStoreCredit(core.table, core.ids), core.ids, core.clock);
        OpenSearchOrders engine = OpenSearchOrders.fromEnvironment();
        search = engine == null ? null : new OrderSearchService(engine);
        views = new DynamoOrderViewCache(core.table, core.clock);
    }

    static MerchantApi get() { return INSTANCE.get(); }
}
