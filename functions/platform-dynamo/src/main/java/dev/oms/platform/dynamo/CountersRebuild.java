package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.MetricsCounters.Increment;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recomputes one tenant's metrics counters for a range of settled days from the table: every event item of the
 * tenant's orders (the creation index, GSI1, then one Query per order) counted through {@link MetricsProjection},
 * as the stream projector counts it; then each counter item of the range is replaced whole, and the ones nothing
 * counts any more are deleted. Only days at least {@value #SETTLED_DAYS} days old are rebuilt: no event can still be
 * written or delivered for them (events carry the time they are written; the stream keeps 24 hours), so the rebuild
 * never races the projector. Running it twice gives the same items.
 */
public final class CountersRebuild {
    public static final int SETTLED_DAYS = 2, MAX_DAYS = 3660;

    private final SingleTable table;
    private final MetricsProjection projection;

    public CountersRebuild(SingleTable table) {
        this.table = table;
        this.projection = new MetricsProjection(table);
    }

    /** What a rebuild read and wrote. */
    public record Result(String tenantId, String from, String to, long orders, long events, int written, int deleted) { }

    public Result rebuild(String tenant, LocalDate from, LocalDate to, LocalDate today) {
        if (to.isAfter(today.minusDays(SETTLED_DAYS))) {
            throw new IllegalArgumentException("to must be " + today.minusDays(SETTLED_DAYS) + " or earlier: later days are still being counted");
        }
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("from must be on or before to, at most " + MAX_DAYS + " days before it");
        }
        String first = from.toString(), last = to.toString();
        Map<String, Increment> totals = new LinkedHashMap<>();
        Set<String> channelPartitions = new LinkedHashSet<>();
        channelPartitions.addAll(Keys.orderMetrics(tenant, DynamoMetricsStore.ALL_CHANNELS));
        // an order created after the last day has no event on it
        String createdBefore = to.plusDays(1).toString();
        long[] n = new long[2]; // orders, events
        TenantOrderHeaders.forEach(table, tenant, createdBefore, header -> {
            n[0]++;
            String channel = header.path("channel").asText(null);
            if (channel != null && !channel.isEmpty()) channelPartitions.addAll(Keys.orderMetrics(tenant, channel));
            for (JsonNode event : events(header.path(Keys.PK).asText())) {
                String day = MetricsProjection.day(event);
                if (day.compareTo(first) < 0 || day.compareTo(last) > 0) continue;
                n[1]++;
                for (Increment inc : projection.increments(event)) {
                    Increment into = totals.computeIfAbsent(inc.pk + "\n" + inc.sk, k -> new Increment(inc.pk, inc.sk));
                    inc.adds.forEach(into::add);
                    into.sets.putAll(inc.sets);
                }
            }
        });
        long orders = n[0], events = n[1];
        int deleted = 0;
        for (String partition : channelPartitions) deleted += deleteStale(partition, first, last, totals);
        for (String partition : Keys.fulfillmentMetrics(tenant)) deleted += deleteStale(partition, first, last + "#~", totals);
        for (Increment inc : totals.values()) put(inc);
        return new Result(tenant, first, last, orders, events, totals.size(), deleted);
    }

    private Iterable<JsonNode> events(String orderPk) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(orderPk, Keys.EVENT_SK_PREFIX)).build()).items().forEach(out::add);
        return out;
    }

    /** Deletes the counter items of the range that the rebuild does not write. */
    private int deleteStale(String partition, String from, String to, Map<String, Increment> keep) {
        int n = 0;
        for (ObjectNode item : table.query(TableQuery.builder().keyCondition(KeyCondition.sortBetween(partition, from, to)).build()).items()) {
            String sk = item.path(Keys.SK).asText();
            if (keep.containsKey(partition + "\n" + sk)) continue;
            table.delete(partition, sk);
            n++;
        }
        return n;
    }

    /** The counter item as the rebuild computed it, whole (its additions are the totals). */
    private void put(Increment inc) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Keys.PK, AttributeValue.fromS(inc.pk));
        item.put(Keys.SK, AttributeValue.fromS(inc.sk));
        inc.sets.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        inc.adds.forEach((k, v) -> item.put(k, AttributeValue.fromN(Long.toString(v))));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }
}
