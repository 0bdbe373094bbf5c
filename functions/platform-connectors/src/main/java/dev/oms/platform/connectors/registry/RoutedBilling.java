package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.registry.ConnectorPort;

/** The billing service the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedBilling implements BillingService {
    private final Connectors connectors;

    public RoutedBilling(Connectors connectors) { this.connectors = connectors; }

    @Override
    public StoredFile issue(String tenantId, BillingDocument document) {
        return connectors.call(tenantId, ConnectorPort.BILLING, BillingService.class, "issue",
                b -> b.issue(tenantId, document));
    }
}
