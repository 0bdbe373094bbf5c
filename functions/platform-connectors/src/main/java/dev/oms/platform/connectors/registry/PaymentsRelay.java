package dev.oms.platform.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.observability.ConnectorCallContext;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The payments port across functions. The API functions do not carry the vendors' payment SDKs (stripe-java alone is
 * 14 MiB of a jar): their calls to a tenant's vendor adapter (the sandbox stays in process) go to
 * {@code PaymentsFunction}, which carries every payment adapter, as one synchronous Lambda invocation
 * ({@link Client}); it runs the call through its own connector registry (circuit breaker, call log, health) and
 * answers the result or the refusal ({@link #serve}). This class is the wire format of both sides:
 *
 * <pre>
 * request: {"tenant_id", "operation": status|order_reference|void|capture|refund, "payment_id",
 *           "amount": {"amount", "currency"} (void, capture, refund), "idempotency_key", "correlation_id"}
 * answer:  {"status": {...}} | {"operation": {...}} | {"order_reference": "..." or null}
 *          | {"error": {"kind", "code", "message", "explain", "details"}}
 * </pre>
 */
public final class PaymentsRelay {
    private PaymentsRelay() { }

    /** Serves one relayed call with this function's payments port (the relay function's handler). */
    public static ObjectNode serve(JsonNode request, PaymentGateway payments) {
        String tenant = request.path("tenant_id").asText(null);
        String operation = request.path("operation").asText("");
        String payment = request.path("payment_id").asText(null);
        String key = request.path("idempotency_key").asText(null);
        ObjectNode out = Json.object();
        if (tenant == null || payment == null) return RelayAnswers.error(out, new ConnectorException("payments", operation, "the relayed call names no tenant or payment"));
        ConnectorCallContext.correlationId(request.path("correlation_id").asText(null));
        try {
            switch (operation) {
                case "status" -> out.set("status", status(payments.status(tenant, payment)));
                case "order_reference" -> out.put("order_reference", payments.orderReference(tenant, payment).orElse(null));
                case "void" -> out.set("operation", operation(payments.voidAuthorization(tenant, payment, Shapes.money(request.get("amount")), key)));
                case "capture" -> out.set("operation", operation(payments.capture(tenant, payment, Shapes.money(request.get("amount")), key)));
                case "refund" -> out.set("operation", operation(payments.refund(tenant, payment, Shapes.money(request.get("amount")), key)));
                default -> RelayAnswers.error(out, new ConnectorException("payments", operation, "the payments relay has no such operation"));
            }
        } catch (DomainException e) {
            RelayAnswers.error(out, e);
        }
        return out;
    }

    /** The payments port of a function whose jar does not carry the tenant's adapter: each call relayed by {@code transport}. */
    public static final class Client implements PaymentGateway {
        private final UnaryOperator<ObjectNode> transport;

        /** {@code transport}: sends a request and answers the relay's answer (a Lambda invocation on AWS and locally). */
        public Client(UnaryOperator<ObjectNode> transport) { this.transport = transport; }

        @Override
        public PaymentStatus status(String tenantId, String paymentId) {
            JsonNode s = call(request(tenantId, "status", paymentId, null, null)).path("status");
            long captured = s.path("captured").asLong(), refunded = s.path("refunded").asLong(), voided = s.path("voided").asLong();
            return new PaymentStatus(s.path("payment_id").asText(paymentId), State.valueOf(s.path("state").asText()),
                    Shapes.money(s.get("amount")), captured, refunded, voided);
        }

        @Override
        public Optional<String> orderReference(String tenantId, String paymentId) {
            JsonNode r = call(request(tenantId, "order_reference", paymentId, null, null)).path("order_reference");
            return r.isTextual() ? Optional.of(r.asText()) : Optional.empty();
        }

        @Override
        public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey) {
            return operation(call(request(tenantId, "void", paymentId, amount, idempotencyKey)));
        }

        @Override
        public Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey) {
            return operation(call(request(tenantId, "capture", paymentId, amount, idempotencyKey)));
        }

        @Override
        public Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey) {
            return operation(call(request(tenantId, "refund", paymentId, amount, idempotencyKey)));
        }

        private JsonNode call(ObjectNode request) { return RelayAnswers.orThrow(transport.apply(request)); }

        private static Operation operation(JsonNode answer) {
            JsonNode o = answer.path("operation");
            return new Operation(o.path("id").asText(null), o.path("payment_id").asText(null), o.path("kind").asText(null), Shapes.money(o.get("amount")));
        }
    }

    static ObjectNode request(String tenantId, String operation, String paymentId, Money amount, String key) {
        ObjectNode r = Json.object().put("tenant_id", tenantId).put("operation", operation).put("payment_id", paymentId);
        if (amount != null) r.set("amount", Shapes.money(amount));
        if (key != null) r.put("idempotency_key", key);
        String correlation = ConnectorCallContext.correlationId();
        if (correlation != null) r.put("correlation_id", correlation);
        return r;
    }

    private static ObjectNode status(PaymentGateway.PaymentStatus s) {
        ObjectNode o = Json.object().put("payment_id", s.paymentId()).put("state", s.state().name())
                .put("captured", s.captured()).put("refunded", s.refunded()).put("voided", s.voided());
        if (s.amount() != null) o.set("amount", Shapes.money(s.amount()));
        return o;
    }

    private static ObjectNode operation(PaymentGateway.Operation op) {
        ObjectNode o = Json.object().put("id", op.id()).put("payment_id", op.paymentId()).put("kind", op.kind());
        if (op.amount() != null) o.set("amount", Shapes.money(op.amount()));
        return o;
    }

}
