package dev.oms.app.connector;

import dev.oms.domain.money.Money;

/** The payment service, seen from the OMS: it holds payments; the OMS only references them by id. */
public interface PaymentGateway {

    /** The current state of a payment, or {@code NOT_FOUND}. Throws {@link ConnectorException} when unreachable. */
    PaymentStatus status(String tenantId, String paymentId);

    enum State { PENDING, AUTHORIZED, CAPTURED, DECLINED, VOIDED, REFUNDED, NOT_FOUND }

    record PaymentStatus(String paymentId, State state, Money amount) { }
}
