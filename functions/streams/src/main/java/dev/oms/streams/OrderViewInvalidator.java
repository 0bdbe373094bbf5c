package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.DynamoOrderViewCache;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.events.StreamImages;
import dev.oms.platform.observability.Observability;
import java.time.Clock;
import java.util.List;

/**
 * Invalidates the seller API's cached order views ({@link DynamoOrderViewCache}) from the table stream: every order
 * change commits an event item carrying the order's new version ({@code sequence}), so no writer (API, saga, webhook,
 * job) can forget to invalidate. A failed record is reported so Lambda retries from it.
 */
public final class OrderViewInvalidator implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final DynamoOrderViewCache cache;

    public OrderViewInvalidator() { this(SingleTable.fromEnvironment(), Clock.systemUTC()); }

    public OrderViewInvalidator(SingleTable table, Clock clock) { this.cache = new DynamoOrderViewCache(table, clock); }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        int invalidated = 0;
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"INSERT".equals(r.getEventName()) || r.getDynamodb() == null) continue;
            ObjectNode item = StreamImages.toJson(r.getDynamodb().getNewImage());
            if (!EventEnvelope.isOrderEvent(item)) continue;
            try {
                cache.invalidate(item.path("tenant_id").asText(), item.path("order_id").asText(), item.path("sequence").asLong());
                invalidated++;
            } catch (RuntimeException e) {
                Observability.error("invalidating the view of order " + item.path("order_id").asText() + " failed", e);
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(r.getDynamodb().getSequenceNumber()).build())).build();
            }
        }
        Observability.log().info("invalidated {} order views", invalidated);
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
