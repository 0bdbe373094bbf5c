package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.util.Locale;

/**
 * A payment service that behaves like a real one, kept in the table: payments are created (authorized, pending,
 * declined or captured) through {@link #create}; the OMS reads their state by id, voids authorizations and refunds
 * captures, partially or fully, each operation idempotent on its key. Unknown ids are NOT_FOUND. Faults:
 * connector {@code payments}, operations {@code status}, {@code void}, {@code capture}, {@code refund}.
 */
public final class SandboxPayments implements PaymentGateway {
    private final SingleTable table;
    private final IdGenerator ids;
    private final SandboxOperations operations;

    public SandboxPayments(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
        this.operations = new SandboxOperations(table);
    }

    @Override
    public PaymentStatus status(String tenantId, String paymentId) {
        SandboxFaults.Mode fault = fault("status");
        ObjectNode p = find(tenantId, paymentId);
        if (p == null) return new PaymentStatus(paymentId, State.NOT_FOUND, null);
        State state = fault == SandboxFaults.Mode.DECLINE ? State.DECLINED : State.valueOf(p.path("state").asText().toUpperCase(Locale.ROOT));
        return new PaymentStatus(paymentId, state, Money.of(p.path("amount").asLong(), p.path("currency").asText()),
                p.path("captured").asLong(), p.path("refunded").asLong(), p.path("voided").asLong());
    }

    /** The sandbox keeps no merchant reference: news about a sandbox payment names its order (the payment postback). */
    @Override
    public java.util.Optional<String> orderReference(String tenantId, String paymentId) { return java.util.Optional.empty(); }

    @Override
    public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "payments", "void#" + idempotencyKey, () -> {
            decline(fault("void"), "void");
            ObjectNode p = authorized(tenantId, paymentId, amount, "voided");
            p.put("voided", p.path("voided").asLong() + amount.minor());
            if (p.path("voided").asLong() == p.path("amount").asLong()) p.put("state", "voided");
            table.put(p);
            return operation(ids.next("void"), paymentId, "void", amount);
        });
        return toOperation(result);
    }

    @Override
    public Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "payments", "capture#" + idempotencyKey, () -> {
            decline(fault("capture"), "capture");
            ObjectNode p = authorized(tenantId, paymentId, amount, "captured");
            p.put("captured", p.path("captured").asLong() + amount.minor());
            if (p.path("captured").asLong() == p.path("amount").asLong()) p.put("state", "captured");
            table.put(p);
            return operation(ids.next("cap"), paymentId, "capture", amount);
        });
        return toOperation(result);
    }

    /**
     * The payment, if it is still authorized and has {@code amount} neither captured nor voided yet (in its currency);
     * refused otherwise, naming what could not be done ({@code verb}: voided, captured).
     */
    private ObjectNode authorized(String tenantId, String paymentId, Money amount, String verb) {
        ObjectNode p = existing(tenantId, paymentId);
        if (!"authorized".equals(p.path("state").asText())) {
            throw refused("payment " + paymentId + " is " + p.path("state").asText() + " and cannot be " + verb);
        }
        if (!amount.currency().equals(p.path("currency").asText())) throw refused("payment " + paymentId + " is in " + p.path("currency").asText());
        long open = p.path("amount").asLong() - p.path("captured").asLong() - p.path("voided").asLong();
        if (amount.minor() > open) throw refused("only " + open + " of payment " + paymentId + " can be " + verb);
        return p;
    }

    @Override
    public Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "payments", "refund#" + idempotencyKey, () -> {
            decline(fault("refund"), "refund");
            ObjectNode p = existing(tenantId, paymentId);
            long refundable = p.path("captured").asLong() - p.path("refunded").asLong();
            if (amount.minor() > refundable) throw refused("only " + refundable + " of payment " + paymentId + " can be refunded");
            p.put("refunded", p.path("refunded").asLong() + amount.minor());
            if (p.path("refunded").asLong() == p.path("amount").asLong()) p.put("state", "refunded");
            table.put(p);
            return operation(ids.next("re"), paymentId, "refund", amount);
        });
        return toOperation(result);
    }

    /** Creates a payment in the given state ({@code authorized}, {@code pending}, {@code declined} or {@code captured}). */
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
        item.put("captured", "captured".equals(state) ? amount.minor() : 0);
        item.put("refunded", 0);
        item.put("voided", 0);
        table.put(item);
        return id;
    }

    /**
     * Moves a payment to another state, as the payment service's own processing does (3-D Secure finishing, a capture
     * made in its dashboard); it then tells the OMS through the payment webhook.
     */
    public void settle(String tenantId, String paymentId, String state) {
        ObjectNode p = existing(tenantId, paymentId);
        p.put("state", state);
        if ("captured".equals(state)) p.put("captured", p.path("amount").asLong());
        table.put(p);
    }

    private ObjectNode find(String tenantId, String paymentId) {
        return table.get(Keys.sandboxPayment(tenantId, paymentId), Keys.SINGLE).orElse(null);
    }

    private ObjectNode existing(String tenantId, String paymentId) {
        ObjectNode p = find(tenantId, paymentId);
        if (p == null) throw refused("payment " + paymentId + " does not exist");
        return p;
    }

    private static SandboxFaults.Mode fault(String operation) {
        SandboxFaults.Mode fault = SandboxFaults.next("payments", operation);
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("payments", operation, "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("payments", operation, "timed out");
        return fault;
    }

    private static void decline(SandboxFaults.Mode fault, String operation) {
        if (fault == SandboxFaults.Mode.DECLINE) throw refused("the payment service declined the " + operation);
    }

    private static DomainException refused(String message) {
        return DomainException.unprocessable("payment.operation_refused", message, "Check the payment in the payment service.");
    }

    private static ObjectNode operation(String id, String paymentId, String kind, Money amount) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("payment_id", paymentId);
        o.put("kind", kind);
        o.put("amount", amount.minor());
        o.put("currency", amount.currency());
        return o;
    }

    private static Operation toOperation(ObjectNode o) {
        return new Operation(o.path("id").asText(), o.path("payment_id").asText(), o.path("kind").asText(),
                Money.of(o.path("amount").asLong(), o.path("currency").asText()));
    }
}
