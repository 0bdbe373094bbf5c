package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/**
 * Fulfilments, shipments, returns and the inbound (carrier, payment, fulfilment, invoice) webhooks as one Lambda
 * function.
 */
public final class FulfilmentApiFunction extends ApiFunction {
    public FulfilmentApiFunction() {
        super(FulfilmentApi.get().idempotency, FulfilmentApi.get().clock,
                new FulfillmentsHandler(),
                new ShipmentsHandler(),
                new ReturnsHandler(),
                new InboundWebhooksHandler(),
                new StripeWebhookHandler(),
                new EasyPostWebhookHandler());
    }
}
