package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.events.StreamImages;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The outbox relay: reads the table's stream and publishes every newly written event item to the EventBridge bus,
 * in stream order, once its transaction has committed. When an entry cannot be published, the batch reports that
 * record as the first failure, so Lambda retries from it and nothing after it is lost or reordered; entries already
 * published may then be sent again, which consumers absorb by de-duplicating on the event {@code id}.
 */
public final class StreamPublisher implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final int MAX_ENTRIES_PER_CALL = 10;

    private final EventBridgeClient events;
    private final String busName;

    public StreamPublisher() { this(AwsClients.eventBridge(), Env.get("EVENT_BUS_NAME", "oms")); }

    public StreamPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    private record Pending(String sequenceNumber, PutEventsRequestEntry entry) { }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<Pending> pending = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"INSERT".equals(r.getEventName()) || r.getDynamodb() == null) continue;
            ObjectNode item = StreamImages.toJson(r.getDynamodb().getNewImage());
            if (!EventEnvelope.isEventItem(item)) continue;
            ObjectNode envelope = EventEnvelope.fromItem(item);
            pending.add(new Pending(r.getDynamodb().getSequenceNumber(), PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(EventEnvelope.SOURCE)
                    .detailType(envelope.path("type").asText())
                    .time(Instant.parse(envelope.path("occurred_at").asText()))
                    .detail(Json.write(envelope))
                    .build()));
        }
        for (int from = 0; from < pending.size(); from += MAX_ENTRIES_PER_CALL) {
            List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + MAX_ENTRIES_PER_CALL));
            String failedAt = publish(chunk);
            if (failedAt != null) return failure(failedAt);
        }
        Observability.log().info("published {} events", pending.size());
        // the order pipeline on the dashboard: events published per type (order.created, order.shipped, ...)
        pending.stream().collect(java.util.stream.Collectors.groupingBy(p -> p.entry().detailType(), java.util.stream.Collectors.counting()))
                .forEach((type, n) -> Observability.count("StreamPublisher", "EventsPublished", "event_type", type, n));
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** Publishes a chunk; answers the sequence number of its first unpublished record, or null when all went out. */
    private String publish(List<Pending> chunk) {
        try {
            PutEventsResponse response = events.putEvents(r -> r.entries(chunk.stream().map(Pending::entry).toList()));
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) return null;
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < chunk.size(); i++) {
                if (i >= results.size() || results.get(i).errorCode() != null) return chunk.get(i).sequenceNumber();
            }
            return null;
        } catch (RuntimeException e) {
            Observability.error("PutEvents failed", e);
            return chunk.get(0).sequenceNumber();
        }
    }

    private static StreamsEventResponse failure(String sequenceNumber) {
        return StreamsEventResponse.builder()
                .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumber).build()))
                .build();
    }
}
