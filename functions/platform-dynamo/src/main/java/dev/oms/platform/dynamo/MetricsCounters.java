package dev.oms.platform.dynamo;

import dev.oms.app.metrics.DurationHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Adds one stream event to the counters, exactly once: the event's marker ({@code T#t#COUNTED#{eventId}}, put with
 * {@code attribute_not_exists}, kept two days) and every {@code ADD} are one TransactWriteItems, so a redelivered
 * event finds its marker and changes nothing. The item layout is described in docs/metrics.md.
 */
public final class MetricsCounters {
    static final Duration MARKER_TTL = Duration.ofDays(2);

    private final SingleTable table;

    public MetricsCounters(SingleTable table) { this.table = table; }

    /** The additions to one counter item. */
    public static final class Increment {
        final String pk, sk;
        final Map<String, Long> adds = new LinkedHashMap<>();
        final Map<String, String> sets = new LinkedHashMap<>();

        public Increment(String pk, String sk) {
            this.pk = pk;
            this.sk = sk;
        }

        public Increment add(String attribute, long n) {
            adds.merge(attribute, n, Long::sum);
            return this;
        }

        public Increment set(String attribute, String value) {
            sets.put(attribute, value);
            return this;
        }

        /** One duration into the histogram {@code prefix} ({@code prefix_n}, {@code prefix_sum}, {@code prefix_b{i}}). */
        public Increment duration(String prefix, Duration d) {
            add(prefix + "_n", 1);
            add(prefix + "_sum", Math.max(0, d.getSeconds()));
            return add(prefix + "_b" + DurationHistogram.bucketOf(d), 1);
        }
    }

    /** Applies the increments once per event; answers false when the event had already been counted. */
    public boolean apply(String tenant, String eventId, Instant now, List<Increment> increments) {
        if (increments.isEmpty()) return false;
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(Map.of(Keys.PK, s(Keys.countedEvent(tenant, eventId)), Keys.SK, s(Keys.SINGLE), "type", s("counted_event"),
                        Keys.TTL, AttributeValue.fromN(Long.toString(now.plus(MARKER_TTL).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(PK)").build()).build());
        for (Increment inc : merged(increments)) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            List<String> adds = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            int i = 0;
            for (var e : inc.adds.entrySet()) {
                names.put("#a" + i, e.getKey());
                values.put(":a" + i, AttributeValue.fromN(Long.toString(e.getValue())));
                adds.add("#a" + i + " :a" + i);
                i++;
            }
            for (var e : inc.sets.entrySet()) {
                names.put("#a" + i, e.getKey());
                values.put(":a" + i, s(e.getValue()));
                sets.add("#a" + i + " = :a" + i);
                i++;
            }
            String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                    + (adds.isEmpty() ? "" : "ADD " + String.join(", ", adds));
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                    .key(Map.of(Keys.PK, s(inc.pk), Keys.SK, s(inc.sk)))
                    .updateExpression(expression.trim()).expressionAttributeNames(names).expressionAttributeValues(values)
                    .build()).build());
        }
        try {
            table.client().transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) return false;
            throw e;
        }
    }

    /** One increment per item (a transaction may touch an item once). */
    private static java.util.Collection<Increment> merged(List<Increment> increments) {
        Map<String, Increment> byItem = new LinkedHashMap<>();
        for (Increment inc : increments) {
            Increment into = byItem.computeIfAbsent(inc.pk + "\n" + inc.sk, k -> new Increment(inc.pk, inc.sk));
            inc.adds.forEach(into::add);
            into.sets.putAll(inc.sets);
        }
        return byItem.values();
    }

    private static AttributeValue s(String v) { return AttributeValue.fromS(v); }
}
