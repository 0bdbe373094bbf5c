package dev.oms.app.connector;

import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.Order;

/** Screens an order for fraud before it is confirmed. */
public interface FraudScreening {
    FraudCheck screen(Order order);
}
