package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.FraudScreening;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.Order;

/** The fraud screening the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedFraud implements FraudScreening {
    private final Connectors connectors;

    public RoutedFraud(Connectors connectors) { this.connectors = connectors; }

    @Override
    public FraudCheck screen(Order order) {
        return connectors.call(order.tenantId(), ConnectorPort.FRAUD, FraudScreening.class, "score", f -> f.screen(order));
    }
}
