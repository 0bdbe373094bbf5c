package dev.oms.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class StreamPublisherTest {

    /** Records what was published; fails the entries whose detail-type is in {@code failTypes}, or throws. */
    static final class FakeBus implements EventBridgeClient {
        final List<List<PutEventsRequestEntry>> calls = new ArrayList<>();
        final List<String> failTypes = new ArrayList<>();
        boolean down;

        @Override
        public PutEventsResponse putEvents(Consumer<PutEventsRequest.Builder> r) {
            PutEventsRequest.Builder b = PutEventsRequest.builder();
            r.accept(b);
            PutEventsRequest req = b.build();
            if (down) throw new IllegalStateException("bus unavailable");
            calls.add(req.entries());
            List<PutEventsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (PutEventsRequestEntry e : req.entries()) {
                if (failTypes.contains(e.detailType())) {
                    failed++;
                    results.add(PutEventsResultEntry.builder().errorCode("InternalFailure").errorMessage("boom").build());
                } else {
                    results.add(PutEventsResultEntry.builder().eventId("eb-" + e.detailType()).build());
                }
            }
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        }

        @Override public String serviceName() { return "events"; }
        @Override public void close() { }
    }

    static DynamodbEvent.DynamodbStreamRecord record(String eventName, String seq, Map<String, AttributeValue> image) {
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventName(eventName);
        StreamRecord sr = new StreamRecord();
        sr.setSequenceNumber(seq);
        sr.setNewImage(image);
        r.setDynamodb(sr);
        return r;
    }

    static Map<String, AttributeValue> eventItem(String id, String type, long sequence) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("PK", new AttributeValue().withS("T#acme#ORDER#ord_1"));
        m.put("SK", new AttributeValue().withS("E#" + id));
        m.put("type", new AttributeValue().withS("event"));
        m.put("id", new AttributeValue().withS(id));
        m.put("event_type", new AttributeValue().withS(type));
        m.put("schema_version", new AttributeValue().withN("1"));
        m.put("tenant_id", new AttributeValue().withS("acme"));
        m.put("order_id", new AttributeValue().withS("ord_1"));
        m.put("sequence", new AttributeValue().withN(Long.toString(sequence)));
        m.put("occurred_at", new AttributeValue().withS("2026-11-22T10:00:00.000Z"));
        m.put("correlation_id", new AttributeValue().withS("corr-1"));
        m.put("actor_id", new AttributeValue().withS("agent-1"));
        m.put("actor_type", new AttributeValue().withS("agent"));
        m.put("metadata", new AttributeValue().withM(Map.of()));
        m.put("data", new AttributeValue().withM(Map.of("total", new AttributeValue().withN("4990"),
                "fields", new AttributeValue().withL(List.of(new AttributeValue().withS("metadata"))))));
        return m;
    }

    static DynamodbEvent batch(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent e = new DynamodbEvent();
        e.setRecords(List.of(records));
        return e;
    }

    @Test
    void publishesEventItemsWithTheEnvelopeAndSkipsEverythingElse() throws Exception {
        FakeBus bus = new FakeBus();
        Map<String, AttributeValue> orderItem = new LinkedHashMap<>(Map.of("type", new AttributeValue().withS("order")));
        StreamsEventResponse r = new StreamPublisher(bus, "oms-bus").handleRequest(batch(
                record("INSERT", "1", eventItem("evt_1", "order.created", 1)),
                record("MODIFY", "2", orderItem),
                record("INSERT", "3", orderItem),
                record("REMOVE", "4", eventItem("evt_0", "order.created", 1)),
                record("INSERT", "5", eventItem("evt_2", "order.confirmed", 2))), null);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(bus.calls).hasSize(1);
        List<PutEventsRequestEntry> entries = bus.calls.get(0);
        assertThat(entries).extracting(PutEventsRequestEntry::detailType).containsExactly("order.created", "order.confirmed");
        PutEventsRequestEntry first = entries.get(0);
        assertThat(first.source()).isEqualTo("oms.orders");
        assertThat(first.eventBusName()).isEqualTo("oms-bus");
        JsonNode detail = Json.parse(first.detail());
        assertThat(detail.path("id").asText()).isEqualTo("evt_1");
        assertThat(detail.path("type").asText()).isEqualTo("order.created");
        assertThat(detail.path("order_id").asText()).isEqualTo("ord_1");
        assertThat(detail.path("tenant_id").asText()).isEqualTo("acme");
        assertThat(detail.path("sequence").asLong()).isEqualTo(1);
        assertThat(detail.path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(detail.path("timestamp").asText()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(detail.path("actor").path("id").asText()).isEqualTo("agent-1");
        assertThat(detail.path("data").path("total").asLong()).isEqualTo(4990);
        assertThat(detail.path("data").path("fields").get(0).asText()).isEqualTo("metadata");
    }

    @Test
    void sendsAtMostTenEntriesPerCallInStreamOrder() {
        FakeBus bus = new FakeBus();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < 23; i++) records.add(record("INSERT", Integer.toString(i), eventItem("evt_" + i, "order.t" + i, i)));
        new StreamPublisher(bus, "b").handleRequest(batch(records.toArray(DynamodbEvent.DynamodbStreamRecord[]::new)), null);
        assertThat(bus.calls).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(bus.calls.get(2).get(2).detailType()).isEqualTo("order.t22");
    }

    @Test
    void aFailedEntryIsReportedSoLambdaRetriesFromIt() {
        FakeBus bus = new FakeBus();
        bus.failTypes.add("order.held");
        StreamsEventResponse r = new StreamPublisher(bus, "b").handleRequest(batch(
                record("INSERT", "100", eventItem("evt_1", "order.created", 1)),
                record("INSERT", "101", eventItem("evt_2", "order.held", 2)),
                record("INSERT", "102", eventItem("evt_3", "order.hold_released", 3))), null);
        assertThat(r.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).containsExactly("101");
    }

    @Test
    void anUnreachableBusFailsFromTheChunkStart() {
        FakeBus bus = new FakeBus();
        bus.down = true;
        StreamsEventResponse r = new StreamPublisher(bus, "b").handleRequest(batch(
                record("INSERT", "7", eventItem("evt_1", "order.created", 1))), null);
        assertThat(r.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).containsExactly("7");
    }
}
