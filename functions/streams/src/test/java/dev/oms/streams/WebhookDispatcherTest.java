package dev.oms.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oms.app.FakeWebhookSender;
import dev.oms.app.InMemoryWebhookStore;
import dev.oms.app.WebhookDeliveries;
import dev.oms.app.WebhookDeliveries.OutboundEvent;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import dev.oms.platform.messaging.SqsWebhookQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    final InMemoryWebhookStore store = new InMemoryWebhookStore();
    final FakeSqs sqs = new FakeSqs();
    final FakeWebhookSender sender = new FakeWebhookSender();
    final WebhookDeliveries deliveries = new WebhookDeliveries(store, new SqsWebhookQueue(() -> sqs, "https://sqs/deliveries"), sender,
            Clock.fixed(NOW, ZoneOffset.UTC));
    final WebhookDispatcher dispatcher = new WebhookDispatcher(deliveries, sqs, "https://sqs/deliveries");

    @BeforeEach
    void oneQueuedDelivery() {
        store.createSubscription(WebhookSubscription.create("wh_A", "t1", "https://example.com/hook", List.of("*"), null, "whsec_x", NOW));
        deliveries.fanOut(new OutboundEvent("t1", "evt_1", "order.created", "ord_1", "{\"id\":\"evt_1\"}"));
    }

    SQSBatchResponse dispatch(int receiveCount) { return dispatcher.handleRequest(sqs.asEvent(receiveCount), null); }

    WebhookDelivery logged() { return store.delivery("dlv_1_A"); }

    static List<String> failed(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void aDeliveredMessageIsDoneWith() {
        sender.answer(200);
        assertThat(failed(dispatch(1))).isEmpty();
        assertThat(sqs.visibility).isEmpty();
        assertThat(sender.sent).singleElement().satisfies(s -> {
            assertThat(s.messageId()).isEqualTo("dlv_1_A");
            assertThat(s.payload()).isEqualTo("{\"id\":\"evt_1\"}");
        });
        assertThat(logged().state()).isEqualTo(WebhookDelivery.DELIVERED);
    }

    @Test
    void aFailureHidesTheMessageForTheBackOffAndReportsIt() {
        sender.answer(503).answer(503).answer(500);
        assertThat(failed(dispatch(1))).containsExactly("m-0");
        assertThat(failed(dispatch(2))).containsExactly("m-0");
        assertThat(failed(dispatch(12))).containsExactly("m-0");
        assertThat(sqs.visibility).extracting(v -> v.visibilityTimeout()).containsExactly(30, 60, 42_900);
        assertThat(sqs.visibility).allSatisfy(v -> {
            assertThat(v.queueUrl()).isEqualTo("https://sqs/deliveries");
            assertThat(v.receiptHandle()).isEqualTo("receipt-m-0");
        });
        assertThat(logged().state()).isEqualTo(WebhookDelivery.RETRYING);
        assertThat(logged().attempts()).isEqualTo(3);
    }

    @Test
    void theLastAttemptFailsTheDeliveryAndLeavesTheMessageToTheDeadLetterQueue() {
        sender.answer(500);
        assertThat(failed(dispatch(WebhookDelivery.MAX_ATTEMPTS))).containsExactly("m-0");
        assertThat(sqs.visibility).extracting(v -> v.visibilityTimeout()).containsExactly(0);
        assertThat(logged().state()).isEqualTo(WebhookDelivery.FAILED);
    }

    @Test
    void goneDisablesTheSubscriptionAndIsDoneWith() {
        sender.answer(410);
        assertThat(failed(dispatch(1))).isEmpty();
        assertThat(store.findSubscription("t1", "wh_A").orElseThrow().state()).isEqualTo(WebhookSubscription.DISABLED);
        assertThat(logged().state()).isEqualTo(WebhookDelivery.FAILED);
        assertThat(sqs.visibility).isEmpty();
    }

    @Test
    void aDeliveryOfADeletedSubscriptionIsNotSent() {
        store.deleteSubscription("t1", "wh_A", 1);
        assertThat(failed(dispatch(1))).isEmpty();
        assertThat(sender.sent).isEmpty();
        assertThat(logged().lastError()).isEqualTo("the subscription was deleted");
    }

    @Test
    void aBadMessageFailsAloneAndTheOthersGoOn() {
        SQSEvent event = FakeSqs.event(FakeSqs.message("junk", "not json", 1), FakeSqs.message("ok", sqs.sent.get(0).messageBody(), 1));
        assertThat(failed(dispatcher.handleRequest(event, null))).containsExactly("junk");
        assertThat(logged().state()).isEqualTo(WebhookDelivery.DELIVERED);
    }

    @Test
    void theAttemptIsTheReceiveCount() {
        assertThat(WebhookDispatcher.attempt(FakeSqs.message("m", "{}", 7))).isEqualTo(7);
        SQSEvent.SQSMessage noAttributes = new SQSEvent.SQSMessage();
        assertThat(WebhookDispatcher.attempt(noAttributes)).isEqualTo(1);
        assertThat(SqsWebhookQueue.parse(sqs.sent.get(0).messageBody()).deliveryId()).isEqualTo("dlv_1_A");
    }
}
