package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.registry.ConnectorPort;

/** The fulfilment provider the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedFulfillmentProvider implements FulfillmentProvider {
    private final Connectors connectors;

    public RoutedFulfillmentProvider(Connectors connectors) { this.connectors = connectors; }

    @Override
    public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, FulfillmentProvider.class, "dispatch",
                p -> p.dispatch(tenantId, request, idempotencyKey));
    }

    @Override
    public java.util.Map<String, Long> availability(String tenantId, java.util.List<String> skus) {
        return connectors.call(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, FulfillmentProvider.class, "availability",
                p -> p.availability(tenantId, skus));
    }

    @Override
    public String probe(String tenantId, Dispatch sample) {
        return connectors.call(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, FulfillmentProvider.class, "probe", p -> p.probe(tenantId, sample));
    }

    @Override
    public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, FulfillmentProvider.class, "cancel",
                p -> p.cancel(tenantId, orderId, fulfillmentId, reason, idempotencyKey));
    }
}
