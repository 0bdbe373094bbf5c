package dev.oms.local.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.paths.Json;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every comparison operator, both ways, through the definition parser. */
class ChoiceRuleTest {
    private static final JsonNode INPUT = Json.parse("""
        {"s": "m", "s2": "m", "lo": "a", "hi": "z", "n": 5, "n2": 5.0, "small": 1, "big": 9,
         "t": true, "f": false, "nil": null, "ts": "2024-05-01T10:00:00Z", "early": "2024-05-01T09:00:00Z",
         "late": "2024-05-01T12:00:00+01:00", "sameTs": "2024-05-01T11:00:00+01:00", "notTs": "2024-05-01 10:00",
         "file": "a*b\\\\c.txt", "arr": [1]}""");

    private static boolean matches(String rule) {
        ObjectNode withNext = (ObjectNode) Json.parse(rule);
        withNext.put("Next", "Y");
        return evaluate(Json.write(withNext));
    }

    private static boolean evaluate(String topLevelRule) {
        try {
            StateMachineDefinition definition = StateMachineDefinition.parse("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [%s], "Default": "D"},
                  "Y": {"Type": "Succeed"}, "D": {"Type": "Succeed"}}}""".formatted(topLevelRule));
            ChoiceState choice = (ChoiceState) definition.state("C");
            return choice.choices().get(0).rule().matches(INPUT, Json.object());
        } catch (InvalidDefinitionException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean test(String variable, String operator, String value) {
        return evaluate("{\"Variable\": \"%s\", \"%s\": %s, \"Next\": \"Y\"}".formatted(variable, operator, value));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "$.s  | StringEquals                | \"m\"        | true",
        "$.s  | StringEquals                | \"x\"        | false",
        "$.n  | StringEquals                | \"5\"        | false",
        "$.s  | StringEqualsPath            | \"$.s2\"     | true",
        "$.s  | StringEqualsPath            | \"$.lo\"     | false",
        "$.s  | StringLessThan              | \"n\"        | true",
        "$.s  | StringLessThan              | \"m\"        | false",
        "$.s  | StringLessThanPath          | \"$.hi\"     | true",
        "$.s  | StringLessThanPath          | \"$.lo\"     | false",
        "$.s  | StringLessThanEquals        | \"m\"        | true",
        "$.s  | StringLessThanEquals        | \"l\"        | false",
        "$.s  | StringLessThanEqualsPath    | \"$.s2\"     | true",
        "$.s  | StringLessThanEqualsPath    | \"$.lo\"     | false",
        "$.s  | StringGreaterThan           | \"a\"        | true",
        "$.s  | StringGreaterThan           | \"m\"        | false",
        "$.s  | StringGreaterThanPath       | \"$.lo\"     | true",
        "$.s  | StringGreaterThanPath       | \"$.hi\"     | false",
        "$.s  | StringGreaterThanEquals     | \"m\"        | true",
        "$.s  | StringGreaterThanEquals     | \"n\"        | false",
        "$.s  | StringGreaterThanEqualsPath | \"$.s2\"     | true",
        "$.s  | StringGreaterThanEqualsPath | \"$.hi\"     | false",
        "$.file | StringMatches             | \"a\\\\*b*.txt\" | true",
        "$.file | StringMatches             | \"*\\\\\\\\c.*\" | true",
        "$.file | StringMatches             | \"a\\\\*c*\"  | false",
        "$.file | StringMatches             | \"*.csv\"    | false",
        "$.n  | NumericEquals               | 5            | true",
        "$.n2 | NumericEquals               | 5            | true",
        "$.n  | NumericEquals               | 6            | false",
        "$.s  | NumericEquals               | 5            | false",
        "$.n  | NumericEqualsPath           | \"$.n2\"     | true",
        "$.n  | NumericEqualsPath           | \"$.big\"    | false",
        "$.n  | NumericLessThan             | 5.5          | true",
        "$.n  | NumericLessThan             | 5            | false",
        "$.n  | NumericLessThanPath         | \"$.big\"    | true",
        "$.n  | NumericLessThanPath         | \"$.small\"  | false",
        "$.n  | NumericLessThanEquals       | 5            | true",
        "$.n  | NumericLessThanEquals       | 4.99         | false",
        "$.n  | NumericLessThanEqualsPath   | \"$.n2\"     | true",
        "$.n  | NumericLessThanEqualsPath   | \"$.small\"  | false",
        "$.n  | NumericGreaterThan          | 4            | true",
        "$.n  | NumericGreaterThan          | 5            | false",
        "$.n  | NumericGreaterThanPath      | \"$.small\"  | true",
        "$.n  | NumericGreaterThanPath      | \"$.big\"    | false",
        "$.n  | NumericGreaterThanEquals    | 5            | true",
        "$.n  | NumericGreaterThanEquals    | 6            | false",
        "$.n  | NumericGreaterThanEqualsPath | \"$.n2\"    | true",
        "$.n  | NumericGreaterThanEqualsPath | \"$.big\"   | false",
        "$.t  | BooleanEquals               | true         | true",
        "$.f  | BooleanEquals               | true         | false",
        "$.s  | BooleanEquals               | true         | false",
        "$.t  | BooleanEqualsPath           | \"$.t\"      | true",
        "$.t  | BooleanEqualsPath           | \"$.f\"      | false",
        "$.ts | TimestampEquals             | \"2024-05-01T11:00:00+01:00\" | true",
        "$.ts | TimestampEquals             | \"2024-05-01T10:00:01Z\"      | false",
        "$.notTs | TimestampEquals          | \"2024-05-01T10:00:00Z\"      | false",
        "$.ts | TimestampEqualsPath         | \"$.sameTs\" | true",
        "$.ts | TimestampEqualsPath         | \"$.early\"  | false",
        "$.ts | TimestampLessThan           | \"2024-05-01T10:00:00.001Z\" | true",
        "$.ts | TimestampLessThan           | \"2024-05-01T10:00:00Z\"     | false",
        "$.ts | TimestampLessThanPath       | \"$.late\"   | true",
        "$.ts | TimestampLessThanPath       | \"$.early\"  | false",
        "$.ts | TimestampLessThanEquals     | \"2024-05-01T10:00:00Z\"     | true",
        "$.ts | TimestampLessThanEquals     | \"2024-05-01T09:59:59Z\"     | false",
        "$.ts | TimestampLessThanEqualsPath | \"$.sameTs\" | true",
        "$.ts | TimestampLessThanEqualsPath | \"$.early\"  | false",
        "$.ts | TimestampGreaterThan        | \"2024-05-01T09:59:59Z\"     | true",
        "$.ts | TimestampGreaterThan        | \"2024-05-01T10:00:00Z\"     | false",
        "$.ts | TimestampGreaterThanPath    | \"$.early\"  | true",
        "$.ts | TimestampGreaterThanPath    | \"$.late\"   | false",
        "$.ts | TimestampGreaterThanEquals  | \"2024-05-01T10:00:00Z\"     | true",
        "$.ts | TimestampGreaterThanEquals  | \"2024-05-01T10:00:01Z\"     | false",
        "$.ts | TimestampGreaterThanEqualsPath | \"$.sameTs\" | true",
        "$.ts | TimestampGreaterThanEqualsPath | \"$.late\"   | false",
        "$.nil | IsNull                     | true         | true",
        "$.s  | IsNull                      | true         | false",
        "$.s  | IsNull                      | false        | true",
        "$.s  | IsPresent                   | true         | true",
        "$.nope | IsPresent                 | true         | false",
        "$.nope | IsPresent                 | false        | true",
        "$.nil | IsPresent                  | true         | true",
        "$.n  | IsNumeric                   | true         | true",
        "$.s  | IsNumeric                   | true         | false",
        "$.s  | IsNumeric                   | false        | true",
        "$.s  | IsString                    | true         | true",
        "$.n  | IsString                    | true         | false",
        "$.t  | IsBoolean                   | true         | true",
        "$.nil | IsBoolean                  | true         | false",
        "$.ts | IsTimestamp                 | true         | true",
        "$.notTs | IsTimestamp              | true         | false",
        "$.notTs | IsTimestamp              | false        | true",
    })
    void comparison(String variable, String operator, String value, boolean expected) {
        assertThat(test(variable.trim(), operator.trim(), value.trim())).isEqualTo(expected);
    }

    @Test
    void everyOperatorIsCoveredAbove() throws Exception {
        String[] rows = ChoiceRuleTest.class.getDeclaredMethod("comparison", String.class, String.class, String.class,
                boolean.class).getAnnotation(CsvSource.class).value();
        Set<String> tested = new HashSet<>();
        for (String row : rows) {
            tested.add(row.split("\\|")[1].trim());
        }
        Set<ComparisonOperator> missing = EnumSet.noneOf(ComparisonOperator.class);
        Arrays.stream(ComparisonOperator.values()).filter(operator -> !tested.contains(operator.name()))
                .forEach(missing::add);
        assertThat(missing).isEmpty();
    }

    @Test
    void booleanCombinators() {
        assertThat(matches("{\"And\": [{\"Variable\": \"$.t\", \"BooleanEquals\": true}, "
                + "{\"Variable\": \"$.n\", \"NumericEquals\": 5}]}")).isTrue();
        assertThat(matches("{\"And\": [{\"Variable\": \"$.t\", \"BooleanEquals\": true}, "
                + "{\"Variable\": \"$.n\", \"NumericEquals\": 6}]}")).isFalse();
        assertThat(matches("{\"Or\": [{\"Variable\": \"$.f\", \"BooleanEquals\": true}, "
                + "{\"Variable\": \"$.n\", \"NumericEquals\": 5}]}")).isTrue();
        assertThat(matches("{\"Or\": [{\"Variable\": \"$.f\", \"BooleanEquals\": true}, "
                + "{\"Variable\": \"$.n\", \"NumericEquals\": 6}]}")).isFalse();
        assertThat(matches("{\"Not\": {\"Variable\": \"$.f\", \"BooleanEquals\": true}}")).isTrue();
        assertThat(matches("{\"Not\": {\"Not\": {\"Variable\": \"$.f\", \"BooleanEquals\": true}}}")).isFalse();
    }

    @Test
    void aMissingVariableIsARuntimeError() {
        assertThatThrownBy(() -> test("$.nope", "StringEquals", "\"x\""))
                .isInstanceOfSatisfying(StatesError.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME));
    }

    @Test
    void theContextObjectCanBeTested() throws Exception {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
              {"Variable": "$$.State.RetryCount", "NumericEquals": 0, "Next": "Y"}]},
              "Y": {"Type": "Succeed"}}}""");
        ChoiceRule rule = ((ChoiceState) definition.state("C")).choices().get(0).rule();
        assertThat(rule.matches(INPUT, Json.parse("{\"State\": {\"RetryCount\": 0}}"))).isTrue();
        assertThat(rule.matches(INPUT, Json.parse("{\"State\": {\"RetryCount\": 1}}"))).isFalse();
    }
}
