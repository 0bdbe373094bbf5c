package dev.oms.app.connector;

import dev.oms.domain.money.Money;

/** The service that keeps customers' store credit (gift balances). The OMS only keeps the id of each credit. */
public interface StoreCredit {
    /** Credits the customer; the same key again answers the same credit and credits nothing more. */
    String issue(String tenantId, String customerId, Money amount, String idempotencyKey);
}
