package dev.oms.domain.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDecisionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Address GB = new Address("A", null, "1 St", null, "London", null, null, "GB", null, null);
    private static final Address FR = new Address("A", null, "1 Rue", null, "Paris", null, null, "FR", null, null);
    private static final OrderSettings THRESHOLDS = new SettingsPatch().set("auto_confirm_thresholds", Map.of("GBP", 5000L))
            .applyTo(OrderSettings.DEFAULTS).settings();

    private static Policy policy(String id, String type, List<String> channels, Map<String, Long> amounts, Integer max, Integer hours) {
        return new Policy(id, type, null, true, channels, amounts, max, hours, 1, NOW, "admin", NOW, "admin");
    }

    private static PolicyDecision.OrderFacts order(String channel, long total, Address billing) {
        return new PolicyDecision.OrderFacts(channel, "GBP", total, GB, billing, "cus_1");
    }

    @Test
    void eachFraudTriggerFiresOnItsOwnCondition() {
        Policy total = policy("pol_t", Policy.FRAUD_TOTAL_ABOVE, null, Map.of("GBP", 1000L), null, null);
        Policy country = policy("pol_c", Policy.FRAUD_COUNTRY_MISMATCH, null, null, null, null);
        Policy velocity = policy("pol_v", Policy.FRAUD_VELOCITY, null, null, 3, 24);
        List<Policy> all = List.of(total, country, velocity);
        assertThat(PolicyDecision.decide(order("web", 1000, GB), all, OrderSettings.DEFAULTS, (c, h) -> 2).hold()).isFalse();
        assertThat(PolicyDecision.decide(order("web", 1001, GB), all, OrderSettings.DEFAULTS, (c, h) -> 2).fraud())
                .extracting(f -> f.policy().id()).containsExactly("pol_t");
        assertThat(PolicyDecision.decide(order("web", 10, FR), all, OrderSettings.DEFAULTS, (c, h) -> 2).fraud())
                .extracting(f -> f.policy().id()).containsExactly("pol_c");
        assertThat(PolicyDecision.decide(order("web", 10, GB), all, OrderSettings.DEFAULTS, (c, h) -> h == 24 ? 3 : 0).fraud())
                .extracting(f -> f.policy().id()).containsExactly("pol_v");
        assertThat(PolicyDecision.decide(order("web", 5000, FR), all, OrderSettings.DEFAULTS, (c, h) -> 9).fraud()).hasSize(3);
    }

    @Test
    void autoConfirmNeedsATrustedChannelAThresholdAndNoFraud() {
        Policy confirm = policy("pol_a", Policy.AUTO_CONFIRM, List.of("web"), null, null, null);
        Policy country = policy("pol_c", Policy.FRAUD_COUNTRY_MISMATCH, null, null, null, null);
        assertThat(PolicyDecision.decide(order("web", 5000, GB), List.of(confirm), THRESHOLDS, (c, h) -> 0).autoConfirm()).isEqualTo(confirm);
        assertThat(PolicyDecision.decide(order("web", 5001, GB), List.of(confirm), THRESHOLDS, (c, h) -> 0).autoConfirm()).isNull();
        assertThat(PolicyDecision.decide(order("pos", 10, GB), List.of(confirm), THRESHOLDS, (c, h) -> 0).autoConfirm()).isNull();
        assertThat(PolicyDecision.decide(order("web", 10, GB), List.of(confirm), OrderSettings.DEFAULTS, (c, h) -> 0).autoConfirm()).isNull();
        PolicyDecision.Outcome both = PolicyDecision.decide(order("web", 10, FR), List.of(confirm, country), THRESHOLDS, (c, h) -> 0);
        assertThat(both.hold()).isTrue();
        assertThat(both.autoConfirm()).isNull();
        Policy off = new Policy("pol_off", Policy.AUTO_CONFIRM, null, false, List.of("web"), null, null, null, 1, NOW, "a", NOW, "a");
        assertThat(PolicyDecision.decide(order("web", 10, GB), List.of(off), THRESHOLDS, (c, h) -> 0).autoConfirm()).isNull();
    }

    @Test
    void eachTypeTakesItsParametersOnly() {
        PolicyRules.check(policy("p", Policy.FRAUD_VELOCITY, null, null, 2, 1));
        assertThat(fields(policy("p", Policy.AUTO_CONFIRM, null, Map.of("GBP", 1L), null, null))).containsExactlyInAnyOrder("channels", "amounts");
        assertThat(fields(policy("p", Policy.FRAUD_VELOCITY, List.of("web"), null, 1, 721))).containsExactlyInAnyOrder("max_orders", "within_hours", "channels");
        assertThat(fields(policy("p", Policy.FRAUD_TOTAL_ABOVE, null, Map.of("XXY", 1L), null, null))).containsExactly("amounts.XXY");
        assertThat(fields(policy("p", Policy.AUTO_CANCEL_UNPAID, null, null, 3, null))).containsExactlyInAnyOrder("within_hours", "max_orders");
        PolicyRules.check(policy("p", Policy.AUTO_CANCEL_UNPAID, null, null, null, 24));
        PolicyRules.check(policy("p", Policy.AUTO_FULFILL_DIGITAL, null, null, null, null));
        assertThat(fields(policy("p", Policy.AUTO_FULFILL_DIGITAL, List.of("web"), null, null, 2))).containsExactlyInAnyOrder("channels", "max_orders");
        assertThat(fields(policy("p", "auto_fulfill_everything", null, null, null, null))).containsExactly("type");
    }

    private static List<String> fields(Policy p) {
        return catchThrowableOfType(DomainException.class, () -> PolicyRules.check(p)).fieldErrors().stream().map(DomainException.FieldError::field).toList();
    }
}
