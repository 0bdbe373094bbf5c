package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.MetricsCounters.Increment;
import dev.oms.platform.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one event item adds to the counters (docs/metrics.md, "What is counted"): {@code order.created} (orders and
 * revenue per currency), {@code order.cancelled} (full cancellations), {@code return.created}, {@code order.shipped}
 * (shipments, lead time from confirmation and time from creation, ship latency of each fulfilment) and
 * {@code fulfillment.updated} to {@code picking} / {@code packed}, {@code order.payment_updated} to {@code disputed}
 * (disputes) and {@code customer.message_replied} with its {@code response_seconds} (first responses). The stream projector and the counters rebuild both
 * count through it, so they count the same.
 */
public final class MetricsProjection {
    private final SingleTable table;

    public MetricsProjection(SingleTable table) { this.table = table; }

    /** The UTC day an event item counts on. */
    public static String day(JsonNode item) {
        return Times.parse(item.path("occurred_at").asText()).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The additions of one event item (none for a type that is not counted, or an order no longer there). */
    public List<Increment> increments(JsonNode item) {
        String type = item.path("event_type").asText();
        String tenant = item.path("tenant_id").asText();
        String orderId = item.path("order_id").asText();
        Instant at = Times.parse(item.path("occurred_at").asText());
        JsonNode data = item.path("data");
        String day = day(item);
        List<Increment> increments = new ArrayList<>();
        switch (type) {
            case "order.created" -> header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i
                    .add("orders_" + data.path("currency").asText(), 1).add("revenue_" + data.path("currency").asText(), data.path("total").asLong())));
            case "order.cancelled" -> {
                if ("cancelled".equals(data.path("to").asText())) header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i.add("cancelled", 1)));
            }
            case "return.created" -> header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i.add("returns", 1)));
            case "order.payment_updated" -> {
                if ("disputed".equals(data.path("status").asText())) header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i.add("disputes", 1)));
            }
            case "order.case_resolved" -> {
                if (data.path("open_seconds").canConvertToLong()) {
                    Duration open = Duration.ofSeconds(data.path("open_seconds").asLong());
                    header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i.duration("csres", open)));
                }
            }
            case "customer.message_replied" -> {
                if (data.path("response_seconds").canConvertToLong()) {
                    Duration waited = Duration.ofSeconds(data.path("response_seconds").asLong());
                    header(tenant, orderId).ifPresent(h -> channels(tenant, orderId, h, day, increments, i -> i.duration("csr", waited)));
                }
            }
            case "order.shipped" -> header(tenant, orderId).ifPresent(h -> {
                Instant confirmed = Times.parse(h.path("confirmed_at").asText(null));
                Instant created = Times.parse(h.path("created_at").asText(null));
                channels(tenant, orderId, h, day, increments, i -> {
                    i.add("shipments", 1);
                    if (confirmed != null) i.duration("lead", Duration.between(confirmed, at));
                    if (created != null) i.duration("tts", Duration.between(created, at));
                });
                for (JsonNode f : data.path("fulfillment_ids")) warehouse(tenant, orderId, f.asText(), day, at, "ship", increments);
            });
            case "fulfillment.updated" -> {
                String to = data.path("to").asText();
                if ("picking".equals(to)) warehouse(tenant, orderId, data.path("fulfillment_id").asText(), day, at, "pick", increments);
                if ("packed".equals(to)) warehouse(tenant, orderId, data.path("fulfillment_id").asText(), day, at, "pack", increments);
            }
            default -> { }
        }
        return increments;
    }

    private Optional<ObjectNode> header(String tenant, String orderId) {
        return table.get(Keys.order(tenant, orderId), Keys.ORDER_SK);
    }

    /** The same additions to the order's channel's day and to the all-channels day (the order's shard of each day). */
    private static void channels(String tenant, String orderId, JsonNode header, String day, List<Increment> increments, Consumer<Increment> additions) {
        String channel = header.path("channel").asText(null);
        if (channel != null && !channel.isEmpty() && !DynamoMetricsStore.ALL_CHANNELS.equals(channel)) {
            Increment i = new Increment(Keys.orderMetrics(tenant, channel, orderId), day);
            additions.accept(i);
            increments.add(i);
        }
        Increment all = new Increment(Keys.orderMetrics(tenant, DynamoMetricsStore.ALL_CHANNELS, orderId), day);
        additions.accept(all);
        increments.add(all);
    }

    /** A latency of a fulfilment (from its creation), into its warehouse's day. */
    private void warehouse(String tenant, String orderId, String fulfillmentId, String day, Instant at, String prefix, List<Increment> increments) {
        table.get(Keys.order(tenant, orderId), Keys.childSk("fulfillment", fulfillmentId)).ifPresent(f -> {
            String warehouse = f.path("warehouse_id").asText(null);
            Instant created = Times.parse(f.path("created_at").asText(null));
            if (warehouse == null || created == null) return;
            increments.add(new Increment(Keys.fulfillmentMetrics(tenant, fulfillmentId), day + "#" + warehouse)
                    .set("day", day).set("warehouse_id", warehouse).duration(prefix, Duration.between(created, at)));
        });
    }
}
