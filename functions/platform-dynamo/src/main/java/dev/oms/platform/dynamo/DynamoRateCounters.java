package dev.oms.platform.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Fixed-window request counters ({@link RateLimitKeys}): {@link #take} adds up to {@code want} requests to a window's
 * count with one conditional UpdateItem that never lets the count pass the limit, so the tokens it grants are never
 * more than the quota however many containers ask at once.
 */
public final class DynamoRateCounters {
    private final SingleTable table;

    public DynamoRateCounters(SingleTable table) { this.table = table; }

    /** What a {@link #take} got: {@code granted} requests (0 when the window is used up), and the window's count after it. */
    public record Grant(long granted, long used) { }

    /**
     * Takes {@code want} requests of the window, or what is left of it when less (a second UpdateItem, only then).
     * The item expires with the table's TTL an hour after its window ends.
     */
    public Grant take(String tenant, String quota, long windowStart, int windowSeconds, long limit, long want) {
        long n = Math.min(want, limit);
        for (int attempt = 0; attempt < 2 && n > 0; attempt++) {
            long ask = n;
            try {
                var response = table.client().updateItem(r -> r.tableName(table.name())
                        .key(key(tenant, quota, windowStart))
                        .updateExpression("ADD #used :n SET #type = :type, #ttl = :ttl")
                        .conditionExpression("attribute_not_exists(#used) OR #used <= :max")
                        .expressionAttributeNames(Map.of("#used", "used", "#type", "type", "#ttl", Keys.TTL))
                        .expressionAttributeValues(Map.of(":n", num(ask), ":max", num(limit - ask), ":type", AttributeValue.fromS("rate_counter"),
                                ":ttl", num(windowStart + windowSeconds + 3600)))
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return new Grant(ask, Long.parseLong(response.attributes().get("used").n()));
            } catch (ConditionalCheckFailedException e) {
                long used = e.item() != null && e.item().containsKey("used") ? Long.parseLong(e.item().get("used").n()) : limit;
                if (used >= limit) return new Grant(0, used);
                n = limit - used;
            }
        }
        return new Grant(0, limit);
    }

    /** The window's count (0 when nobody asked yet). */
    public long used(String tenant, String quota, long windowStart) {
        return table.get(RateLimitKeys.counter(tenant, quota), RateLimitKeys.windowSk(windowStart))
                .map(i -> i.path("used").asLong()).orElse(0L);
    }

    private static Map<String, AttributeValue> key(String tenant, String quota, long windowStart) {
        return SingleTable.primaryKey(RateLimitKeys.counter(tenant, quota), RateLimitKeys.windowSk(windowStart));
    }

    private static AttributeValue num(long n) { return AttributeValue.fromN(Long.toString(n)); }
}
