package dev.oms.platform.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB condition or filter expression with its attribute names ({@code #name}) and values ({@code :value}).
 * <pre>Expression.builder().expression("#v = :v").putExpressionName("#v", "value").putExpressionValue(":v", n).build()</pre>
 */
public record Expression(String expression, Map<String, String> expressionNames, Map<String, AttributeValue> expressionValues) {
    public Expression {
        expressionNames = Map.copyOf(expressionNames);
        expressionValues = Map.copyOf(expressionValues);
    }

    /** An expression without names or values, such as {@code attribute_not_exists(PK)}. */
    public static Expression of(String expression) { return new Expression(expression, Map.of(), Map.of()); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private String expression;
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, AttributeValue> values = new LinkedHashMap<>();

        private Builder() { }

        public Builder expression(String expression) {
            this.expression = expression;
            return this;
        }

        public Builder putExpressionName(String placeholder, String name) {
            names.put(placeholder, name);
            return this;
        }

        public Builder putExpressionValue(String placeholder, AttributeValue value) {
            values.put(placeholder, value);
            return this;
        }

        public Expression build() {
            if (expression == null || expression.isBlank()) throw new IllegalStateException("an expression needs its text");
            return new Expression(expression, names, values);
        }
    }

    /** The names, or null when there are none (DynamoDB refuses an empty map). */
    Map<String, String> namesOrNull() { return expressionNames.isEmpty() ? null : expressionNames; }

    /** The values, or null when there are none (DynamoDB refuses an empty map). */
    Map<String, AttributeValue> valuesOrNull() { return expressionValues.isEmpty() ? null : expressionValues; }
}
