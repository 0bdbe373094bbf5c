package dev.oms.app;

import dev.oms.app.connector.StoreCredit;
import dev.oms.domain.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;

/** Store credit kept in memory, idempotent on its key. */
final class FakeStoreCredit implements StoreCredit {
    final Map<String, Money> byKey = new LinkedHashMap<>();

    @Override
    public String issue(String tenantId, String customerId, Money amount, String idempotencyKey) {
        byKey.putIfAbsent(idempotencyKey, amount);
        return "sc_" + idempotencyKey;
    }
}
