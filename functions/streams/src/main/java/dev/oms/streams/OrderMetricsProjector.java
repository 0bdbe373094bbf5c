package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.MetricsCounters;
import dev.oms.platform.dynamo.MetricsProjection;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.events.StreamImages;
import dev.oms.platform.observability.Observability;
import java.time.Clock;
import java.util.List;

/**
 * Maintains the per-tenant, per-day, per-channel counters behind {@code /v1/orders/summary} and {@code /metrics}, and
 * the per-warehouse fulfilment latencies behind {@code /metrics/fulfillment}, from the event items on the table's
 * stream: {@code order.created} (orders and revenue per currency), {@code order.cancelled} (full cancellations),
 * {@code return.created}, {@code order.shipped} (shipments, lead time from confirmation and time from creation, ship
 * latency of each fulfilment) and {@code fulfillment.updated} to {@code picking} / {@code packed} ({@link MetricsProjection},
 * which the counters rebuild shares). Each event counts once ({@link MetricsCounters}); a failed record is reported so
 * Lambda retries from it.
 */
public final class OrderMetricsProjector implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final MetricsCounters counters;
    private final MetricsProjection projection;
    private final Clock clock;

    public OrderMetricsProjector() { this(SingleTable.fromEnvironment(), Clock.systemUTC()); }

    public OrderMetricsProjector(SingleTable table, Clock clock) {
        this.counters = new MetricsCounters(table);
        this.projection = new MetricsProjection(table);
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        int counted = 0;
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"INSERT".equals(r.getEventName()) || r.getDynamodb() == null) continue;
            ObjectNode item = StreamImages.toJson(r.getDynamodb().getNewImage());
            if (!EventEnvelope.isEventItem(item)) continue;
            try {
                if (project(item)) counted++;
            } catch (RuntimeException e) {
                Observability.error("counting event " + item.path("id").asText() + " failed", e);
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(r.getDynamodb().getSequenceNumber()).build())).build();
            }
        }
        Observability.log().info("counted {} events", counted);
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** Adds one event item to the counters; false when it is not counted or was counted before. */
    boolean project(JsonNode item) {
        return counters.apply(item.path("tenant_id").asText(), item.path("id").asText(), clock.instant(), projection.increments(item));
    }
}
