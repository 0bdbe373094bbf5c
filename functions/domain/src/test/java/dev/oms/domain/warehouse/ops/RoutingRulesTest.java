package dev.oms.domain.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {
    static RoutingRule rule(String id, int priority, List<String> countries, List<String> skus, List<String> levels, Long maxWeight, String wh) {
        return new RoutingRule(id, id, priority, true, countries, skus, levels, maxWeight, wh, null, 1, Instant.EPOCH, "t");
    }

    @Test
    void theFirstRuleByPriorityWhoseEveryConditionHoldsDecides() {
        List<RoutingRule> rules = List.of(
                rule("rr_c", 30, List.of(), List.of(), List.of(), null, "wh-any"),
                rule("rr_a", 10, List.of("NL"), List.of("SHOE-*"), List.of(), null, "wh-nl"),
                rule("rr_b", 20, List.of(), List.of(), List.of("express"), 2000L, "wh-express"));
        var d = RoutingRules.evaluate(rules, new RoutingQuery("nl", List.of("SHOE-1"), null, null));
        assertThat(d.warehouseId()).isEqualTo("wh-nl");
        assertThat(d.explanations()).hasSize(1);

        var express = RoutingRules.evaluate(rules, new RoutingQuery("GB", List.of("SHOE-1"), "express", 1500L));
        assertThat(express.warehouseId()).isEqualTo("wh-express");
        assertThat(express.explanations().get(0).reason()).isEqualTo("destination GB is not in [NL]");

        var heavy = RoutingRules.evaluate(rules, new RoutingQuery("GB", List.of("HAT-1"), "express", 2500L));
        assertThat(heavy.warehouseId()).isEqualTo("wh-any");
        assertThat(heavy.explanations()).extracting(RoutingRules.Explanation::reason)
                .containsExactly("destination GB is not in [NL]", "weight 2500 g is over 2000 g", "every condition holds: ships from wh-any");
    }

    @Test
    void everySkuMustMatchAndAPrefixNeedsItsStar() {
        List<RoutingRule> rules = List.of(rule("rr_a", 1, List.of(), List.of("SHOE-*", "SOCK"), List.of(), null, "wh"));
        assertThat(RoutingRules.evaluate(rules, new RoutingQuery(null, List.of("SHOE-9", "SOCK"), null, null)).matched()).isNotNull();
        assertThat(RoutingRules.evaluate(rules, new RoutingQuery(null, List.of("SHOE-9", "SOCKS"), null, null)).matched()).isNull();
        assertThat(RoutingRules.evaluate(rules, new RoutingQuery(null, List.of(), null, null)).explanations().get(0).reason())
                .startsWith("no SKU given");
    }

    @Test
    void disabledRulesAreSkippedAndNoMatchIsNull() {
        RoutingRule off = new RoutingRule("rr_a", "off", 1, false, List.of(), List.of(), List.of(), null, "wh", null, 1, Instant.EPOCH, "t");
        var d = RoutingRules.evaluate(List.of(off), new RoutingQuery("GB", List.of(), null, null));
        assertThat(d.matched()).isNull();
        assertThat(d.warehouseId()).isNull();
        assertThat(d.explanations().get(0).reason()).isEqualTo("disabled");
    }

    @Test
    void theOrderOfTheStoredRulesDoesNotChangeTheDecision() {
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < 20; i++) rules.add(rule("rr_" + (char) ('a' + i), i % 4, List.of(i % 2 == 0 ? "GB" : "FR"), List.of(), List.of(), null, "wh-" + i));
        var expected = RoutingRules.evaluate(rules, new RoutingQuery("FR", List.of(), null, null));
        Random random = new Random(7);
        for (int n = 0; n < 50; n++) {
            List<RoutingRule> shuffled = new ArrayList<>(rules);
            Collections.shuffle(shuffled, random);
            assertThat(RoutingRules.evaluate(shuffled, new RoutingQuery("FR", List.of(), null, null))).isEqualTo(expected);
        }
        assertThat(expected.matched().id()).isEqualTo("rr_b"); // priority 1, the first FR rule by id
    }

    @Test
    void badRulesNameTheirFields() {
        assertThatThrownBy(() -> RoutingRules.check(rule("rr_a", 1, List.of("gb"), List.of("a b"), List.of("x*"), 0L, " ")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldErrors()).extracting(DomainException.FieldError::field)
                        .containsExactly("destination_countries", "skus", "service_levels",
                                "max_weight_grams", "warehouse_id"));
    }
}
