package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.money.Money;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.util.Locale;

/**
 * A payment service that behaves like a real one, kept in the table: payments are created (authorized, pending or
 * declined) through {@link #create}, and the OMS reads their state by id. Unknown ids are NOT_FOUND.
 */
public final class SandboxPayments implements PaymentGateway {
    private final SingleTable table;
    private final IdGenerator ids;

    public SandboxPayments(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    @Override
    public PaymentStatus status(String tenantId, String paymentId) {
        SandboxFaults.Mode fault = SandboxFaults.next("payments", "status");
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("payments", "status", "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("payments", "status", "timed out");
        var item = table.get(Keys.sandboxPayment(tenantId, paymentId), Keys.SINGLE);
        if (item.isEmpty()) return new PaymentStatus(paymentId, State.NOT_FOUND, null);
        ObjectNode p = item.get();
        State state = fault == SandboxFaults.Mode.DECLINE ? State.DECLINED : State.valueOf(p.path("state").asText().toUpperCase(Locale.ROOT));
        return new PaymentStatus(paymentId, state, Money.of(p.path("amount").asLong(), p.path("currency").asText()));
    }

    /** Creates a payment in the given state ({@code authorized}, {@code pending} or {@code declined}). */
    public String create(String tenantId, Money amount, String state) {
        String id = ids.next("pg");
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.sandboxPayment(tenantId, id));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_payment");
        item.put("id", id);
        item.put("state", state);
        item.put("amount", amount.minor());
        item.put("currency", amount.currency());
        table.table().putItem(SingleTable.document(item));
        return id;
    }
}
