package dev.oms.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.admin.FraudReview.QueueFilter;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderMother;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which held orders the fraud queue lists, and the filters' edges (docs/admin-operations.md, "The fraud queue"). */
class FraudQueueFilterTest {
    static final QueueFilter ANY = new QueueFilter(null, null, null, null);

    static Order held(String type, Integer score, List<String> rules, String reason, String note, String assignee) {
        Order o = new OrderMother().created();
        o.state().holds.add(new Hold("hold_1", type, reason, assignee, note, "system", Instant.parse("2026-12-05T10:00:00Z")));
        o.state().fraudScore = score;
        o.state().fraudRules = rules;
        return o;
    }

    @Test
    void onlyOrdersWithAFraudHoldAreListed() {
        assertThat(FraudReview.matches(held("fraud", 70, List.of("high order value"), "review", null, null), ANY)).isTrue();
        assertThat(FraudReview.matches(held("address", 70, List.of("high order value"), "check", null, null), ANY)).isFalse();
    }

    @Test
    void scoreBoundsAreInclusiveAndAnOrderWithoutAScoreMatchesNoBound() {
        Order scored = held("fraud", 70, List.of(), "r", null, null);
        assertThat(FraudReview.matches(scored, new QueueFilter(70, 70, null, null))).isTrue();
        assertThat(FraudReview.matches(scored, new QueueFilter(71, null, null, null))).isFalse();
        assertThat(FraudReview.matches(scored, new QueueFilter(null, 69, null, null))).isFalse();
        Order manual = held("fraud", null, List.of(), "Card testing", null, null);
        assertThat(FraudReview.matches(manual, new QueueFilter(0, null, null, null))).isFalse();
        assertThat(FraudReview.matches(manual, new QueueFilter(null, 100, null, null))).isFalse();
        assertThat(FraudReview.matches(manual, ANY)).isTrue();
    }

    @Test
    void aRuleIsFoundInTheFiredRulesOrInTheFraudHoldsReasonAndEvidenceIgnoringCase() {
        Order screened = held("fraud", 70, List.of("shipping and billing countries differ"), "Fraud screening asked for a review", null, null);
        assertThat(FraudReview.matches(screened, new QueueFilter(null, null, "COUNTRIES", null))).isTrue();
        Order policy = held("fraud", null, List.of(), "fraud_velocity: 4 orders within 1 hours", null, null);
        assertThat(FraudReview.matches(policy, new QueueFilter(null, null, "fraud_velocity", null))).isTrue();
        Order evidence = held("fraud", null, List.of(), "manual", "five declined cards", null);
        assertThat(FraudReview.matches(evidence, new QueueFilter(null, null, "declined", null))).isTrue();
        assertThat(FraudReview.matches(evidence, new QueueFilter(null, null, "velocity", null))).isFalse();
    }

    @Test
    void assignedToMatchesTheFraudHoldsAssignee() {
        Order o = held("fraud", null, List.of(), "r", null, "team:fraud");
        assertThat(FraudReview.matches(o, new QueueFilter(null, null, null, "team:fraud"))).isTrue();
        assertThat(FraudReview.matches(o, new QueueFilter(null, null, null, "agent-1"))).isFalse();
    }
}
