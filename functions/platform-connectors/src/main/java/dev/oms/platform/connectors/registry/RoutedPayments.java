package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.money.Money;

/** The payment gateway the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedPayments implements PaymentGateway {
    private final Connectors connectors;

    public RoutedPayments(Connectors connectors) { this.connectors = connectors; }

    @Override
    public PaymentStatus status(String tenantId, String paymentId) {
        return connectors.call(tenantId, ConnectorPort.PAYMENTS, PaymentGateway.class, "status", g -> g.status(tenantId, paymentId));
    }

    @Override
    public java.util.Optional<String> orderReference(String tenantId, String paymentId) {
        return connectors.call(tenantId, ConnectorPort.PAYMENTS, PaymentGateway.class, "order_reference", g -> g.orderReference(tenantId, paymentId));
    }

    @Override
    public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.PAYMENTS, PaymentGateway.class, "void",
                g -> g.voidAuthorization(tenantId, paymentId, amount, idempotencyKey));
    }

    @Override
    public Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.PAYMENTS, PaymentGateway.class, "capture",
                g -> g.capture(tenantId, paymentId, amount, idempotencyKey));
    }

    @Override
    public Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.PAYMENTS, PaymentGateway.class, "refund",
                g -> g.refund(tenantId, paymentId, amount, idempotencyKey));
    }
}
