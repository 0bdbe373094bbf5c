package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.StoreCredit;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.money.Money;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;

/**
 * A store-credit service kept in the table: each credit is issued once per idempotency key (a repeat answers the same
 * credit id). Faults: connector {@code store_credit}, operation {@code issue}.
 */
public final class SandboxStoreCredit implements StoreCredit {
    private final SandboxOperations operations;
    private final IdGenerator ids;

    public SandboxStoreCredit(SingleTable table, IdGenerator ids) {
        this.operations = new SandboxOperations(table);
        this.ids = ids;
    }

    @Override
    public String issue(String tenantId, String customerId, Money amount, String idempotencyKey) {
        ObjectNode credit = operations.once(tenantId, "store_credit", "issue#" + idempotencyKey, () -> {
            SandboxFaults.Mode fault = SandboxFaults.next("store_credit", "issue");
            if (fault == SandboxFaults.Mode.FAIL || fault == SandboxFaults.Mode.TIMEOUT) {
                throw new ConnectorException("store_credit", "issue", fault == SandboxFaults.Mode.TIMEOUT ? "timed out" : "sandbox fault injected");
            }
            ObjectNode o = Json.object();
            o.put("id", ids.next("sc"));
            o.put("customer_id", customerId);
            o.put("amount", amount.minor());
            o.put("currency", amount.currency());
            return o;
        });
        return credit.path("id").asText();
    }
}
