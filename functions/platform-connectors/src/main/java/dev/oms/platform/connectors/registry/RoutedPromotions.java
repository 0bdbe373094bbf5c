package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.PromotionsService;
import dev.oms.app.connector.registry.ConnectorPort;
import java.util.Optional;

/** The promotions port the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedPromotions implements PromotionsService {
    private final Connectors connectors;

    public RoutedPromotions(Connectors connectors) { this.connectors = connectors; }

    @Override
    public Optional<Lookup> find(String tenantId, String code, String customerId) {
        return connectors.call(tenantId, ConnectorPort.PROMOTIONS, PromotionsService.class, "read", p -> p.find(tenantId, code, customerId));
    }
}
