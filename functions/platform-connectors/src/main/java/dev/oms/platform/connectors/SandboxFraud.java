package dev.oms.platform.connectors;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FraudScreening;
import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.ConfirmationChecks.FraudOutcome;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule-based fraud screen with the shape of a real one (a score and reasons). Rules: a total of
 * {@link #REVIEW_TOTAL} minor units or more (+40), shipping and billing countries that differ (+30), a customer id
 * starting with {@code fraud_} (+100). Score 100+ rejects, 50+ asks for review.
 */
public final class SandboxFraud implements FraudScreening {
    public static final long REVIEW_TOTAL = 500_000;

    @Override
    public FraudCheck screen(Order order) {
        SandboxFaults.Mode fault = SandboxFaults.next("fraud", "screen");
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("fraud", "screen", "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("fraud", "screen", "timed out");
        if (fault == SandboxFaults.Mode.DECLINE) return new FraudCheck(FraudOutcome.REJECT, 100, List.of("sandbox decline injected"));
        OrderState s = order.state();
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (order.totals().total() >= REVIEW_TOTAL) { score += 40; reasons.add("high order value"); }
        if (s.shippingAddress != null && s.billingAddress != null && !s.shippingAddress.country().equals(s.billingAddress.country())) {
            score += 30;
            reasons.add("shipping and billing countries differ");
        }
        if (s.customerId != null && s.customerId.startsWith("fraud_")) { score += 100; reasons.add("customer on the block list"); }
        FraudOutcome outcome = score >= 100 ? FraudOutcome.REJECT : score >= 50 ? FraudOutcome.REVIEW : FraudOutcome.APPROVE;
        return new FraudCheck(outcome, score, reasons);
    }
}
