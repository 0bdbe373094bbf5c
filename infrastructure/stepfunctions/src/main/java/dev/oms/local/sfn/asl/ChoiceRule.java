package dev.oms.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import dev.oms.local.sfn.paths.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Choice rule: a data-test expression ({@link Comparison}) or a boolean combination of rules. A data test whose
 * Variable selects nothing is a {@code States.Runtime} error (as in AWS), except for {@code IsPresent}; a value of
 * the wrong type simply does not match.
 */
public sealed interface ChoiceRule {

    boolean matches(JsonNode input, JsonNode context);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            return rules.stream().allMatch(rule -> rule.matches(input, context));
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            return rules.stream().anyMatch(rule -> rule.matches(input, context));
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            return !rule.matches(input, context);
        }
    }

    /**
     * {@code {"Variable": "$.x", "<Operator>": value}}. For the {@code ...Path} operators {@code value} is the
     * path text; for StringMatches {@code pattern} is the compiled wildcard pattern.
     */
    record Comparison(String variable, ComparisonOperator operator, JsonNode value, Pattern pattern)
            implements ChoiceRule {

        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            if (operator == ComparisonOperator.IsPresent) {
                return JsonPaths.find(variable, input, context).isPresent() == value.booleanValue();
            }
            JsonNode actual = read(variable, input, context);
            if (operator.kind() == ComparisonOperator.Kind.TYPE_TEST) {
                return typeTest(actual) == value.booleanValue();
            }
            JsonNode expected = operator.comparesWithPath() ? read(value.textValue(), input, context) : value;
            return switch (operator.kind()) {
                case STRING -> compareStrings(actual, expected);
                case NUMERIC -> actual.isNumber() && expected.isNumber()
                        && operator.relation().holds(actual.decimalValue().compareTo(expected.decimalValue()));
                case BOOLEAN -> actual.isBoolean() && expected.isBoolean()
                        && actual.booleanValue() == expected.booleanValue();
                case TIMESTAMP -> compareTimestamps(actual, expected);
                case TYPE_TEST -> throw new IllegalStateException();
            };
        }

        private boolean compareStrings(JsonNode actual, JsonNode expected) {
            if (!actual.isTextual()) {
                return false;
            }
            if (operator.relation() == ComparisonOperator.Relation.MATCHES) {
                return pattern.matcher(actual.textValue()).matches();
            }
            return expected.isTextual()
                    && operator.relation().holds(Integer.signum(actual.textValue().compareTo(expected.textValue())));
        }

        private boolean compareTimestamps(JsonNode actual, JsonNode expected) {
            Optional<Instant> left = actual.isTextual() ? Timestamps.parse(actual.textValue()) : Optional.empty();
            Optional<Instant> right = expected.isTextual() ? Timestamps.parse(expected.textValue()) : Optional.empty();
            return left.isPresent() && right.isPresent() && operator.relation().holds(left.get().compareTo(right.get()));
        }

        private boolean typeTest(JsonNode actual) {
            return switch (operator) {
                case IsNull -> actual.isNull();
                case IsNumeric -> actual.isNumber();
                case IsString -> actual.isTextual();
                case IsBoolean -> actual.isBoolean();
                case IsTimestamp -> actual.isTextual() && Timestamps.isTimestamp(actual.textValue());
                default -> throw new IllegalStateException("not a type test: " + operator);
            };
        }

        private static JsonNode read(String path, JsonNode input, JsonNode context) {
            try {
                return JsonPaths.read(path, input, context);
            } catch (PathNotFoundException e) {
                throw StatesError.runtime("Invalid path '" + path
                        + "': The choice state's condition path references an invalid value.");
            }
        }
    }

    /**
     * Compiles a StringMatches pattern: {@code *} matches any run of characters, {@code \*} is a literal star and
     * {@code \\} a literal backslash.
     */
    static Pattern wildcardPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw new IllegalArgumentException("StringMatches pattern ends with a lone backslash: " + pattern);
                }
                char escaped = pattern.charAt(++i);
                if (escaped != '*' && escaped != '\\') {
                    throw new IllegalArgumentException(
                            "StringMatches only escapes '*' and '\\', found '\\" + escaped + "' in " + pattern);
                }
                literal.append(escaped);
            } else if (c == '*') {
                flush(regex, literal);
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        flush(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
