package dev.oms.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.oms.app.FakeWebhookSender;
import dev.oms.app.InMemoryWebhookStore;
import dev.oms.app.WebhookDeliveries;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import dev.oms.platform.messaging.SqsWebhookQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookFanoutTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    final InMemoryWebhookStore store = new InMemoryWebhookStore();
    final FakeSqs sqs = new FakeSqs();
    final WebhookFanout fanout = new WebhookFanout(new WebhookDeliveries(store, new SqsWebhookQueue(() -> sqs, "https://sqs/deliveries"),
            new FakeWebhookSender(), Clock.fixed(NOW, ZoneOffset.UTC)));

    /** An order event as the EventBridge rule puts it on the queue: the envelope is the detail. */
    static String eventBridgeEvent(String tenant, String eventId, String type) {
        return "{\"version\":\"0\",\"id\":\"eb-1\",\"detail-type\":\"" + type + "\",\"source\":\"oms.orders\",\"account\":\"000000000000\","
                + "\"time\":\"2025-03-01T12:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"id\":\"" + eventId + "\",\"type\":\""
                + type + "\",\"version\":1,\"tenant_id\":\"" + tenant + "\",\"order_id\":\"ord_1\",\"sequence\":3,"
                + "\"occurred_at\":\"2025-03-01T12:00:00.000Z\",\"data\":{\"total\":4990}}}";
    }

    void subscribe(String id, String... events) {
        store.createSubscription(WebhookSubscription.create(id, "t1", "https://example.com/" + id, List.of(events), null, "whsec_x", NOW));
    }

    @Test
    void queuesOneMessagePerMatchingSubscriptionAndLogsTheEnvelope() {
        subscribe("wh_A", "order.confirmed");
        subscribe("wh_B", "*");
        subscribe("wh_C", "order.cancelled");

        SQSBatchResponse r = fanout.handleRequest(FakeSqs.event(FakeSqs.message("m1", eventBridgeEvent("t1", "evt_9", "order.confirmed"), 1)), null);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(sqs.sent).extracting(e -> SqsWebhookQueue.parse(e.messageBody()).webhookId()).containsExactlyInAnyOrder("wh_A", "wh_B");
        WebhookDelivery d = store.delivery("dlv_9_A");
        assertThat(d.payload()).startsWith("{\"id\":\"evt_9\",\"type\":\"order.confirmed\"").contains("\"tenant_id\":\"t1\"");
        assertThat(d.eventType()).isEqualTo("order.confirmed");
    }

    @Test
    void theSameEventTwiceIsLoggedOnce() {
        subscribe("wh_A", "*");
        String body = eventBridgeEvent("t1", "evt_9", "order.created");
        fanout.handleRequest(FakeSqs.event(FakeSqs.message("m1", body, 1), FakeSqs.message("m2", body, 1)), null);
        assertThat(store.deliveries).hasSize(1);
    }

    @Test
    void aMessageThatIsNoOrderEventFailsAlone() {
        subscribe("wh_A", "*");
        SQSBatchResponse r = fanout.handleRequest(FakeSqs.event(FakeSqs.message("bad", "{\"detail\":{}}", 1),
                FakeSqs.message("good", eventBridgeEvent("t1", "evt_1", "order.created"), 1)), null);
        assertThat(r.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("bad");
        assertThat(sqs.sent).hasSize(1);
    }
}
