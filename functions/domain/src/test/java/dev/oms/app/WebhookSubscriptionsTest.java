package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionsTest {
    static final Caller ADMIN = new Caller("t1", "admin_1", "agent", Set.of("admin"), null, null);
    static final Caller OTHER = new Caller("t2", "admin_2", "agent", Set.of("admin"), null, null);
    static final String URL = "https://hooks.example.com/oms";

    InMemoryWebhookStore store;
    RecordingWebhookQueue queue;
    FakeWebhookSender sender;
    OrderServiceTest.TestClock clock;
    WebhookSubscriptions webhooks;
    WebhookDeliveries deliveries;
    final AtomicInteger secrets = new AtomicInteger();

    @BeforeEach
    void setUp() {
        store = new InMemoryWebhookStore();
        queue = new RecordingWebhookQueue();
        sender = new FakeWebhookSender();
        clock = new OrderServiceTest.TestClock();
        webhooks = new WebhookSubscriptions(store, queue, sender, () -> "whsec_generated" + secrets.incrementAndGet(),
                new OrderServiceTest.Ids(), clock);
        deliveries = new WebhookDeliveries(store, queue, sender, clock);
    }

    static CommandContext ctx(Caller caller) { return new CommandContext(caller, "corr", null, null, null); }

    static CommandContext ctx(Caller caller, long version) { return new CommandContext(caller, "corr", version, null, null); }

    WebhookSubscription create() { return webhooks.create(ctx(ADMIN), URL, List.of("order.created"), "ERP", null); }

    @Test
    void createsWithAGeneratedOrAGivenSecret() {
        WebhookSubscription s = create();
        assertThat(s.id()).isEqualTo("wh_1");
        assertThat(s.secret()).isEqualTo("whsec_generated1");
        assertThat(s.tenantId()).isEqualTo("t1");
        assertThat(webhooks.create(ctx(ADMIN), URL, List.of("*"), null, "whsec_mine").secret()).isEqualTo("whsec_mine");
        assertThat(webhooks.list(ctx(ADMIN), new PageRequest(null, 50)).items()).hasSize(2);
        assertThat(webhooks.list(ctx(OTHER), new PageRequest(null, 50)).items()).isEmpty();
    }

    @Test
    void aTenantHasAtMostFiftySubscriptions() {
        for (int i = 0; i < WebhookSubscription.MAX_PER_TENANT; i++) create();
        failsWith(this::create, "webhook.too_many");
        assertThat(webhooks.create(ctx(OTHER), URL, List.of("*"), null, null).tenantId()).isEqualTo("t2");
    }

    @Test
    void anotherTenantsSubscriptionIsNotFound() {
        WebhookSubscription s = create();
        failsWith(() -> webhooks.get(ctx(OTHER), s.id()), "webhook.not_found");
        failsWith(() -> webhooks.delete(ctx(OTHER), s.id()), "webhook.not_found");
        failsWith(() -> webhooks.rotateSecret(ctx(OTHER), s.id()), "webhook.not_found");
        failsWith(() -> webhooks.deliveries(ctx(OTHER), s.id(), null, new PageRequest(null, 10)), "webhook.not_found");
    }

    @Test
    void rotationKeepsThePreviousSecretForADay() {
        WebhookSubscription s = create();
        WebhookSubscription rotated = webhooks.rotateSecret(ctx(ADMIN), s.id());
        assertThat(rotated.secret()).isEqualTo("whsec_generated2");
        assertThat(rotated.previousSecret()).isEqualTo("whsec_generated1");
        assertThat(rotated.previousSecretExpiresAt()).isEqualTo(clock.now.plus(WebhookSubscription.PREVIOUS_SECRET_GRACE));
        assertThat(webhooks.get(ctx(ADMIN), s.id()).version()).isEqualTo(2);
    }

    @Test
    void aPinnedStaleVersionIsAConflict() {
        WebhookSubscription s = create();
        webhooks.rotateSecret(ctx(ADMIN), s.id());
        DomainException e = failsWith(() -> webhooks.rotateSecret(ctx(ADMIN, 1), s.id()), "webhook.version_conflict");
        assertThat(e.details()).containsEntry("current_version", 2L);
        failsWith(() -> webhooks.delete(ctx(ADMIN, 1), s.id()), "webhook.version_conflict");
        webhooks.delete(ctx(ADMIN, 2), s.id());
        failsWith(() -> webhooks.get(ctx(ADMIN), s.id()), "webhook.not_found");
    }

    @Test
    void redeliveryQueuesASettledDeliveryAgain() {
        WebhookSubscription s = create();
        DeliveryRef ref = deliveries.fanOut(new WebhookDeliveries.OutboundEvent("t1", "evt_9", "order.created", "ord_1", "{}")).get(0);
        failsWith(() -> webhooks.redeliver(ctx(ADMIN), s.id(), ref.deliveryId()), "webhook.delivery_in_progress");
        deliveries.deliver(ref, 1);
        queue.queued.clear();

        WebhookDelivery again = webhooks.redeliver(ctx(ADMIN), s.id(), ref.deliveryId());

        assertThat(again.state()).isEqualTo(WebhookDelivery.PENDING);
        assertThat(queue.queued).containsExactly(ref);
        assertThat(deliveries.deliver(ref, 1).result()).isEqualTo(WebhookDeliveries.Result.DELIVERED);
        assertThat(sender.sent).extracting(FakeWebhookSender.Sent::messageId).containsExactly(ref.deliveryId(), ref.deliveryId());
        assertThat(store.delivery(ref.deliveryId()).attempts()).isEqualTo(2);
        failsWith(() -> webhooks.redeliver(ctx(ADMIN), s.id(), "dlv_nope"), "webhook.delivery_not_found");
    }

    @Test
    void aRedeliveryThatCannotBeQueuedSaysSoInTheLog() {
        WebhookSubscription s = create();
        DeliveryRef ref = deliveries.fanOut(new WebhookDeliveries.OutboundEvent("t1", "evt_9", "order.created", "ord_1", "{}")).get(0);
        deliveries.deliver(ref, 1);
        queue.failing = true;
        assertThatThrownBy(() -> webhooks.redeliver(ctx(ADMIN), s.id(), ref.deliveryId())).isInstanceOf(DomainException.class);
        WebhookDelivery d = store.delivery(ref.deliveryId());
        assertThat(d.state()).isEqualTo(WebhookDelivery.FAILED);
        assertThat(d.lastError()).isEqualTo("the redelivery could not be queued");
    }

    @Test
    void aDisabledSubscriptionIsNotRedelivered() {
        WebhookSubscription s = create();
        store.updateSubscription(s.disabled("gone", clock.now), s.version());
        failsWith(() -> webhooks.redeliver(ctx(ADMIN), s.id(), "dlv_x"), "webhook.disabled");
    }

    @Test
    void aTestSendUsesTheSubscriptionsSecretsOrANewOneForABareUrl() {
        WebhookSubscription s = create();
        sender.answer(200).answer(500);
        WebhookSubscriptions.TestSend toSubscription = webhooks.sendTest(ctx(ADMIN), s.id(), null, "{\"test\":true}");
        assertThat(toSubscription.url()).isEqualTo(URL);
        assertThat(toSubscription.secret()).isNull();
        assertThat(toSubscription.result().statusCode()).isEqualTo(200);
        assertThat(sender.sent.get(0).secrets()).containsExactly("whsec_generated1");

        WebhookSubscriptions.TestSend toUrl = webhooks.sendTest(ctx(ADMIN), null, "https://other.example.com/x", "{}");
        assertThat(toUrl.secret()).isEqualTo("whsec_generated2");
        assertThat(toUrl.result().statusCode()).isEqualTo(500);
        assertThat(sender.sent.get(1).secrets()).containsExactly("whsec_generated2");
        assertThat(sender.sent.get(1).messageId()).isEqualTo(toUrl.messageId());
        assertThat(store.deliveries).as("test sends are not logged").isEmpty();
    }
}
