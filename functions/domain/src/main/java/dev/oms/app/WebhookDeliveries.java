package dev.oms.app;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.WebhookQueue;
import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.app.port.WebhookSender;
import dev.oms.app.port.WebhookStore;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Outbound webhooks, after the event bus: {@link #fanOut} turns one order event into one logged, queued delivery per
 * matching subscription; {@link #deliver} makes one attempt at one delivery and decides what happens next.
 */
public final class WebhookDeliveries {
    static final int MAX_DISABLE_ATTEMPTS = 3;

    private final WebhookStore store;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final Clock clock;

    public WebhookDeliveries(WebhookStore store, WebhookQueue queue, WebhookSender sender, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.sender = sender;
        this.clock = clock;
    }

    /** An order event as published: its envelope fields and the envelope itself, the body to send. */
    public record OutboundEvent(String tenantId, String id, String type, String orderId, String payload) { }

    /**
     * Logs and queues a delivery for each active subscription of the tenant that wants this event type. An event seen
     * before logs nothing new; its deliveries are queued again only while they were never tried (the run that logged
     * them may have stopped before queueing them), and the dispatcher skips what has been delivered since.
     */
    public List<DeliveryRef> fanOut(OutboundEvent event) {
        List<DeliveryRef> toQueue = new ArrayList<>();
        for (WebhookSubscription s : store.activeSubscriptions(event.tenantId())) {
            if (!s.matches(event.type())) continue;
            WebhookDelivery d = WebhookDelivery.create(event.tenantId(), s.id(), event.id(), event.type(), event.orderId(),
                    event.payload(), clock.instant());
            boolean isNew = store.createDelivery(d);
            if (isNew || store.findDelivery(d.tenantId(), s.id(), d.id()).map(WebhookDelivery::isUntried).orElse(false)) toQueue.add(new DeliveryRef(d.tenantId(), s.id(), d.id()));
        }
        if (!toQueue.isEmpty()) queue.enqueue(toQueue);
        return toQueue;
    }

    public enum Result { DELIVERED, RETRY, FAILED, DISABLED, SKIPPED }

    /** What to do with the queue message: nothing more, or try again after {@code retryAfter} (RETRY only). */
    public record Outcome(Result result, Duration retryAfter) {
        static Outcome of(Result r) { return new Outcome(r, null); }
    }

    /**
     * Attempt number {@code attempt} (how often the queue has handed out this message) of one delivery: a 2xx
     * delivers it; 410 Gone disables the subscription and gives up; anything else is retried after the back-off
     * until the last attempt, which gives up (the queue then parks the message in its dead-letter queue). Settled
     * deliveries and those of deleted or disabled subscriptions are not sent.
     */
    public Outcome deliver(DeliveryRef ref, int attempt) {
        Optional<WebhookDelivery> found = store.findDelivery(ref.tenantId(), ref.webhookId(), ref.deliveryId());
        if (found.isEmpty() || found.get().isSettled()) return Outcome.of(Result.SKIPPED);
        WebhookDelivery d = found.get();
        WebhookSubscription s = store.findSubscription(ref.tenantId(), ref.webhookId()).orElse(null);
        if (s == null || !s.isActive()) {
            String why = s == null ? "the subscription was deleted" : "the subscription is disabled: " + s.disabledReason();
            record(d, d.givenUp(false, null, why, clock.instant()));
            return Outcome.of(Result.SKIPPED);
        }
        WebhookSender.Result sent = sender.send(s.url(), d.id(), d.payload(), s.signingSecrets(clock.instant()));
        if (sent.isSuccess()) {
            return record(d, d.delivered(sent.statusCode(), clock.instant())) ? Outcome.of(Result.DELIVERED) : Outcome.of(Result.SKIPPED);
        }
        if (sent.statusCode() == 410) {
            String why = "the endpoint answered 410 Gone at " + clock.instant();
            disable(s, why);
            record(d, d.givenUp(true, 410, why, clock.instant()));
            return Outcome.of(Result.DISABLED);
        }
        WebhookDelivery next = d.failedAttempt(attempt, sent.statusOrNull(), sent.error(), clock.instant());
        if (!record(d, next)) return Outcome.of(Result.SKIPPED);
        if (next.state().equals(WebhookDelivery.FAILED)) return Outcome.of(Result.FAILED);
        return new Outcome(Result.RETRY, WebhookDelivery.backoff(attempt));
    }

    /**
     * Writes the delivery's next state. False when it changed meanwhile: another message owns it now (a redelivery,
     * or a duplicate message that got there first), so this one stops.
     */
    private boolean record(WebhookDelivery before, WebhookDelivery after) {
        try {
            store.updateDelivery(after, before.version());
            return true;
        } catch (ConcurrentUpdateException e) {
            return false;
        }
    }

    private void disable(WebhookSubscription s, String reason) {
        WebhookSubscription current = s;
        for (int i = 0; i < MAX_DISABLE_ATTEMPTS && current != null && current.isActive(); i++) {
            try {
                store.updateSubscription(current.disabled(reason, clock.instant()), current.version());
                return;
            } catch (ConcurrentUpdateException e) {
                current = store.findSubscription(s.tenantId(), s.id()).orElse(null);
            }
        }
    }
}
