package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.FraudScreening;
import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.ConfirmationChecks.FraudOutcome;
import dev.oms.domain.order.Order;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fraud screening over the signed-HTTP contract: the order's ids, amounts and countries (no names, emails or street
 * addresses) in, a decision ({@code approve}, {@code review}, {@code reject}), a score and reasons out.
 */
public final class HttpFraud implements FraudScreening {
    private final SignedHttpClient client;

    public HttpFraud(SignedHttpClient client) { this.client = client; }

    @Override
    public FraudCheck screen(Order order) {
        var s = order.state();
        ObjectNode body = Json.object().put("order_id", order.id()).put("customer_id", s.customerId).put("channel", s.channel)
                .put("currency", s.currency).put("total", order.totals().total()).put("line_count", order.lines().size());
        if (s.shippingAddress != null) body.put("shipping_country", s.shippingAddress.country());
        if (s.billingAddress != null) body.put("billing_country", s.billingAddress.country());
        JsonNode r = client.post("score", "/fraud/scores", body, null);
        FraudOutcome outcome = switch (r.path("decision").asText("review").toLowerCase(Locale.ROOT)) {
            case "approve" -> FraudOutcome.APPROVE;
            case "reject" -> FraudOutcome.REJECT;
            default -> FraudOutcome.REVIEW;
        };
        List<String> reasons = new ArrayList<>();
        r.path("reasons").forEach(x -> reasons.add(x.asText()));
        return new FraudCheck(outcome, r.path("score").asInt(0), reasons);
    }
}
