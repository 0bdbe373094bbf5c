package dev.oms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.WebhookDeliveries.OutboundEvent;
import dev.oms.app.WebhookDeliveries.Outcome;
import dev.oms.app.WebhookDeliveries.Result;
import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.domain.DomainException;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookDeliveriesTest {
    static final String TENANT = "t1";
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    InMemoryWebhookStore store;
    RecordingWebhookQueue queue;
    FakeWebhookSender sender;
    OrderServiceTest.TestClock clock;
    WebhookDeliveries deliveries;

    @BeforeEach
    void setUp() {
        store = new InMemoryWebhookStore();
        queue = new RecordingWebhookQueue();
        sender = new FakeWebhookSender();
        clock = new OrderServiceTest.TestClock();
        deliveries = new WebhookDeliveries(store, queue, sender, clock);
    }

    WebhookSubscription subscribe(String id, String tenant, String... events) {
        WebhookSubscription s = WebhookSubscription.create(id, tenant, "https://" + id + ".example.com/hook", List.of(events), null,
                "whsec_" + id, NOW);
        store.createSubscription(s);
        return s;
    }

    static OutboundEvent event(String id, String type) {
        return new OutboundEvent(TENANT, id, type, "ord_1", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}");
    }

    @Nested
    class FanOut {
        @Test
        void oneLoggedQueuedDeliveryPerMatchingActiveSubscription() {
            subscribe("wh_A", TENANT, "order.created");
            subscribe("wh_B", TENANT, "*");
            subscribe("wh_C", TENANT, "order.cancelled");
            subscribe("wh_D", "other-tenant", "*");
            WebhookSubscription off = subscribe("wh_E", TENANT, "*");
            store.updateSubscription(off.disabled("gone", NOW), off.version());

            List<DeliveryRef> refs = deliveries.fanOut(event("evt_1", "order.created"));

            assertThat(refs).extracting(DeliveryRef::webhookId).containsExactlyInAnyOrder("wh_A", "wh_B");
            assertThat(queue.queued).containsExactlyInAnyOrderElementsOf(refs);
            WebhookDelivery logged = store.delivery("dlv_1_A");
            assertThat(logged.state()).isEqualTo(WebhookDelivery.PENDING);
            assertThat(logged.eventType()).isEqualTo("order.created");
            assertThat(logged.orderId()).isEqualTo("ord_1");
            assertThat(logged.payload()).isEqualTo("{\"id\":\"evt_1\",\"type\":\"order.created\"}");
            assertThat(store.deliveries).hasSize(2);
        }

        @Test
        void aDuplicateEventLogsNothingTwiceAndQueuesOnlyWhatWasNeverTried() {
            subscribe("wh_A", TENANT, "*");
            subscribe("wh_B", TENANT, "*");
            deliveries.fanOut(event("evt_1", "order.created"));
            deliveries.deliver(new DeliveryRef(TENANT, "wh_A", "dlv_1_A"), 1);
            queue.queued.clear();

            List<DeliveryRef> again = deliveries.fanOut(event("evt_1", "order.created"));

            assertThat(store.deliveries).hasSize(2);
            assertThat(again).extracting(DeliveryRef::deliveryId).containsExactly("dlv_1_B");
            assertThat(store.delivery("dlv_1_A").state()).isEqualTo(WebhookDelivery.DELIVERED);
        }

        @Test
        void noSubscriptionNoQueueCall() {
            queue.failing = true;
            assertThat(deliveries.fanOut(event("evt_1", "order.created"))).isEmpty();
        }

        @Test
        void aQueueFailureFailsTheFanOutSoTheEventIsRetried() {
            subscribe("wh_A", TENANT, "*");
            queue.failing = true;
            assertThatThrownBy(() -> deliveries.fanOut(event("evt_1", "order.created"))).isInstanceOf(DomainException.class);
            queue.failing = false;
            assertThat(deliveries.fanOut(event("evt_1", "order.created"))).hasSize(1);
        }
    }

    @Nested
    class Deliver {
        WebhookSubscription sub;
        DeliveryRef ref;

        @BeforeEach
        void oneQueuedDelivery() {
            sub = subscribe("wh_A", TENANT, "*");
            ref = deliveries.fanOut(event("evt_1", "order.created")).get(0);
        }

        WebhookDelivery logged() { return store.delivery(ref.deliveryId()); }

        @Test
        void aTwoHundredDeliversItSignedWithTheSubscriptionsSecrets() {
            sender.answer(204);
            assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(Result.DELIVERED);
            assertThat(sender.sent).singleElement().satisfies(s -> {
                assertThat(s.url()).isEqualTo("https://wh_A.example.com/hook");
                assertThat(s.messageId()).isEqualTo("dlv_1_A");
                assertThat(s.payload()).isEqualTo(logged().payload());
                assertThat(s.secrets()).containsExactly("whsec_wh_A");
            });
            assertThat(logged().state()).isEqualTo(WebhookDelivery.DELIVERED);
            assertThat(logged().attempts()).isEqualTo(1);
            assertThat(logged().lastStatusCode()).isEqualTo(204);
        }

        @Test
        void aRotatedSecretStillSignsDuringItsGracePeriod() {
            store.updateSubscription(sub.withNewSecret("whsec_new", NOW), sub.version());
            deliveries.deliver(ref, 1);
            assertThat(sender.sent.get(0).secrets()).containsExactly("whsec_new", "whsec_wh_A");
        }

        @Test
        void failuresAreRetriedWithBackOffAndGiveUpAfterTheLastAttempt() {
            sender.answer(500);
            Outcome first = deliveries.deliver(ref, 1);
            assertThat(first.result()).isEqualTo(Result.RETRY);
            assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(logged().state()).isEqualTo(WebhookDelivery.RETRYING);
            assertThat(logged().lastStatusCode()).isEqualTo(500);
            assertThat(logged().lastError()).isEqualTo("HTTP 500");
            assertThat(logged().nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));

            sender.fail("timed out after 10 s");
            Outcome fifth = deliveries.deliver(ref, 5);
            assertThat(fifth.retryAfter()).isEqualTo(Duration.ofMinutes(8));
            assertThat(logged().lastStatusCode()).isNull();
            assertThat(logged().lastError()).isEqualTo("timed out after 10 s");

            sender.answer(502);
            Outcome last = deliveries.deliver(ref, WebhookDelivery.MAX_ATTEMPTS);
            assertThat(last.result()).isEqualTo(Result.FAILED);
            assertThat(last.retryAfter()).isNull();
            assertThat(logged().state()).isEqualTo(WebhookDelivery.FAILED);
            assertThat(logged().attempts()).isEqualTo(3);
            assertThat(logged().nextAttemptAt()).isNull();
        }

        @Test
        void goneDisablesTheSubscriptionAndStops() {
            sender.answer(410);
            assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(Result.DISABLED);
            WebhookSubscription after = store.findSubscription(TENANT, "wh_A").orElseThrow();
            assertThat(after.isActive()).isFalse();
            assertThat(after.disabledReason()).contains("410 Gone");
            assertThat(logged().state()).isEqualTo(WebhookDelivery.FAILED);
            assertThat(logged().lastStatusCode()).isEqualTo(410);

            DeliveryRef next = deliveries.fanOut(event("evt_2", "order.updated")).stream().findFirst().orElse(null);
            assertThat(next).as("a disabled subscription gets no new deliveries").isNull();
        }

        @Test
        void settledDeliveriesAreNotSentAgain() {
            deliveries.deliver(ref, 1);
            assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(Result.SKIPPED);
            assertThat(sender.sent).hasSize(1);
            assertThat(deliveries.deliver(new DeliveryRef(TENANT, "wh_A", "dlv_unknown"), 1).result()).isEqualTo(Result.SKIPPED);
        }

        @Test
        void aDeletedOrDisabledSubscriptionFailsTheDeliveryWithoutSending() {
            store.updateSubscription(sub.disabled("turned off", NOW), sub.version());
            assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(Result.SKIPPED);
            assertThat(sender.sent).isEmpty();
            assertThat(logged().state()).isEqualTo(WebhookDelivery.FAILED);
            assertThat(logged().lastError()).isEqualTo("the subscription is disabled: turned off");
            assertThat(logged().attempts()).isZero();
        }

        @Test
        void aDeliveryChangedMeanwhileBelongsToTheOtherMessage() {
            sender.answer(500);
            store.beforeNextDeliveryUpdate = () -> store.updateDelivery(logged().delivered(200, NOW), logged().version());
            assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(Result.SKIPPED);
            assertThat(logged().state()).isEqualTo(WebhookDelivery.DELIVERED);
        }
    }
}
