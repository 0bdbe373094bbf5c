package dev.oms.platform.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A query of the table or one of its indexes: the key condition, then what DynamoDB's Query takes (consistent read,
 * page size, order, where to start, a filter). Run with {@link SingleTable#query}.
 * <pre>TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(pk)).limit(50).build()</pre>
 */
public record TableQuery(String index, KeyCondition keyCondition, boolean consistentRead, Integer limit, boolean scanIndexForward,
                         Map<String, AttributeValue> exclusiveStartKey, Expression filterExpression) {

    public static Builder builder() { return new Builder(); }

    /** The low-level request on {@code table}, starting at {@code start} (null: where this query says). */
    QueryRequest request(String table, Map<String, AttributeValue> start) {
        Expression key = keyCondition.on(index);
        Map<String, String> names = new LinkedHashMap<>(key.expressionNames());
        Map<String, AttributeValue> values = new LinkedHashMap<>(key.expressionValues());
        if (filterExpression != null) {
            names.putAll(filterExpression.expressionNames());
            values.putAll(filterExpression.expressionValues());
        }
        QueryRequest.Builder b = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(key.expression())
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(scanIndexForward).limit(limit)
                .exclusiveStartKey(start == null || start.isEmpty() ? null : start);
        if (consistentRead) b.consistentRead(true);
        if (filterExpression != null) b.filterExpression(filterExpression.expression());
        return b.build();
    }

    public static final class Builder {
        private String index;
        private KeyCondition keyCondition;
        private boolean consistentRead;
        private Integer limit;
        private boolean scanIndexForward = true;
        private Map<String, AttributeValue> exclusiveStartKey;
        private Expression filterExpression;

        private Builder() { }

        /** The index to query (its name, such as {@link Keys#GSI1}); the table when not set. */
        public Builder index(String index) {
            this.index = index;
            return this;
        }

        public Builder keyCondition(KeyCondition keyCondition) {
            this.keyCondition = keyCondition;
            return this;
        }

        public Builder consistentRead(boolean consistentRead) {
            this.consistentRead = consistentRead;
            return this;
        }

        /** Items per page (DynamoDB's {@code Limit}: items examined, before the filter). */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** False for descending sort keys. */
        public Builder scanIndexForward(boolean scanIndexForward) {
            this.scanIndexForward = scanIndexForward;
            return this;
        }

        public Builder exclusiveStartKey(Map<String, AttributeValue> exclusiveStartKey) {
            this.exclusiveStartKey = exclusiveStartKey;
            return this;
        }

        public Builder filterExpression(Expression filterExpression) {
            this.filterExpression = filterExpression;
            return this;
        }

        public TableQuery build() {
            if (keyCondition == null) throw new IllegalStateException("a query needs its key condition");
            if (consistentRead && index != null) throw new IllegalStateException("a global secondary index has no consistent reads");
            return new TableQuery(index, keyCondition, consistentRead, limit, scanIndexForward, exclusiveStartKey, filterExpression);
        }
    }
}
