package dev.oms.domain.order;

import dev.oms.domain.money.Money;

/** A payment held by the payment service, referenced by its id there. The OMS never stores card data. */
public record PaymentReference(String paymentId, Money amount, String status) { }
