package dev.oms.platform.dynamo;

import dev.oms.app.metrics.DailyOrderCounters;
import dev.oms.app.metrics.DailyWarehouseCounters;
import dev.oms.app.metrics.DurationHistogram;
import dev.oms.app.port.MetricsStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the counters: a Query on each shard of the channel's (or all channels', {@code *}) partitions
 * {@code T#t#METRICS#CH#{channel}#S{nn}} between two days, or of {@code T#t#METRICS#FULFILLMENT#S{nn}} between
 * {@code {from}} and {@code {to}#~}, and the shards' items of a day summed (at most 366 items per shard).
 */
public final class DynamoMetricsStore implements MetricsStore {
    public static final String ALL_CHANNELS = "*";

    private final SingleTable table;

    public DynamoMetricsStore(SingleTable table) { this.table = table; }

    @Override
    public List<DailyOrderCounters> orderDays(String tenantId, String channel, LocalDate from, LocalDate to) {
        List<DailyOrderCounters> days = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(Keys.orderMetrics(tenantId, channel == null ? ALL_CHANNELS : channel),
                from.toString(), to.toString())) {
            Map<String, Long> orders = new HashMap<>(), revenue = new HashMap<>();
            item.forEach((k, v) -> {
                if (k.startsWith("orders_")) orders.put(k.substring(7), Long.parseLong(v.n()));
                else if (k.startsWith("revenue_")) revenue.put(k.substring(8), Long.parseLong(v.n()));
            });
            days.add(new DailyOrderCounters(LocalDate.parse(item.get(Keys.SK).s()), orders, revenue, n(item, "cancelled"),
                    n(item, "returns"), n(item, "shipments"), histogram(item, "lead"), histogram(item, "tts"), n(item, "disputes"),
                    histogram(item, "csr"), histogram(item, "csres")));
        }
        return days;
    }

    @Override
    public List<DailyWarehouseCounters> warehouseDays(String tenantId, String warehouseId, LocalDate from, LocalDate to) {
        List<DailyWarehouseCounters> days = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(Keys.fulfillmentMetrics(tenantId), from.toString(), to + "#~")) {
            String warehouse = item.get("warehouse_id").s();
            if (warehouseId != null && !warehouseId.equals(warehouse)) continue;
            days.add(new DailyWarehouseCounters(LocalDate.parse(item.get("day").s()), warehouse, histogram(item, "pick"),
                    histogram(item, "pack"), histogram(item, "ship")));
        }
        return days;
    }

    private List<Map<String, AttributeValue>> query(List<String> partitions, String fromSk, String toSk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String pk : partitions) items.addAll(query(pk, fromSk, toSk));
        return mergedShards(items);
    }

    private List<Map<String, AttributeValue>> query(String pk, String fromSk, String toSk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":from", AttributeValue.fromS(fromSk),
                            ":to", AttributeValue.fromS(toSk)));
            if (start != null) q.exclusiveStartKey(start);
            QueryResponse r = table.client().query(q.build());
            items.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * The shards' items of each day (and warehouse) summed into one: a day's counters are spread over
     * {@link Keys#TENANT_SHARDS} partitions so that no partition takes every order's write.
     */
    private static List<Map<String, AttributeValue>> mergedShards(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> byDay = new java.util.TreeMap<>(); // in sort-key order, as one Query answered
        for (Map<String, AttributeValue> item : items) {
            String day = item.get(Keys.SK).s();
            Map<String, AttributeValue> into = byDay.computeIfAbsent(day, k -> new HashMap<>(Map.of(Keys.SK, AttributeValue.fromS(k))));
            item.forEach((k, v) -> {
                if (k.equals(Keys.SK)) return;
                AttributeValue had = into.get(k);
                if (v.n() != null && had != null && had.n() != null) {
                    into.put(k, AttributeValue.fromN(Long.toString(Long.parseLong(had.n()) + Long.parseLong(v.n()))));
                } else if (had == null) {
                    into.put(k, v);
                }
            });
        }
        return new ArrayList<>(byDay.values());
    }

    private static long n(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static DurationHistogram histogram(Map<String, AttributeValue> item, String prefix) {
        long[] buckets = new long[DurationHistogram.SIZE];
        for (int i = 0; i < buckets.length; i++) buckets[i] = n(item, prefix + "_b" + i);
        return new DurationHistogram(buckets, n(item, prefix + "_n"), n(item, prefix + "_sum"));
    }
}
