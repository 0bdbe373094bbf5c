package dev.oms.orders;

import dev.oms.app.FulfillmentService;
import dev.oms.app.PostbackService;
import dev.oms.app.ReturnService;
import dev.oms.app.ReturnSettlements;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.labels.FulfilmentServices;
import dev.oms.platform.labels.ReturnLabels;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.webhooks.DynamoInboundSecrets;
import dev.oms.platform.webhooks.InboundWebhooks;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the fulfilment API functions: fulfilments, shipments, returns and the inbound webhooks of
 * 3PLs, carriers and payment services (Stripe and EasyPost included); DynamoDB, S3, SQS (bulk jobs) and Step Functions (saga callbacks).
 */
final class FulfilmentApi {
    private static final Once<FulfilmentApi> INSTANCE = Once.of(() -> new FulfilmentApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final S3DocumentStorage documentStorage;
    final FulfillmentService fulfillments;
    final ReturnService returns;
    final ReturnSettlements returnSettlements;
    final ReturnLabels returnLabels;
    final InboundWebhooks inbound;
    final PostbackService postbacks;
    /** The payment service (a Stripe dispute's order is read from its PaymentIntent). */
    final dev.oms.app.connector.PaymentGateway payments;
    /** The connector registry (vendor webhooks read their signing secrets from it) and the labels bought through it. */
    final dev.oms.platform.connectors.registry.Connectors connectors;
    final dev.oms.app.connector.registry.LabelPurchases labelPurchases;

    private FulfilmentApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        MoneyServices money = new MoneyServices(core, dev.oms.platform.rendering.RelayedRenderer.fromEnvironment());
        FulfilmentServices f = new FulfilmentServices(core, money);
        documentStorage = money.documentStorage;
        fulfillments = f.fulfillments;
        returns = f.returns;
        returnSettlements = f.returnSettlements;
        returnLabels = f.returnLabels;
        inbound = new InboundWebhooks(new DynamoInboundSecrets(core.table)::get, clock);
        postbacks = new PostbackService(core.orders, clock);
        payments = core.payments;
        connectors = core.connectors;
        labelPurchases = core.labelPurchases;
    }

    static FulfilmentApi get() { return INSTANCE.get(); }
}
