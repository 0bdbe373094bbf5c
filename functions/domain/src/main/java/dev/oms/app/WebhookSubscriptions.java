package dev.oms.app;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WebhookQueue;
import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.app.port.WebhookSender;
import dev.oms.app.port.WebhookStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tenant's webhook subscriptions: list, create (the secret is shown once), delete, rotate the secret, read the
 * delivery log, redeliver an event and send a test message. The URL is checked by the caller (it needs DNS); the
 * event filter by the subscription itself.
 */
public final class WebhookSubscriptions {
    static final int MAX_ATTEMPTS = 5;

    private final WebhookStore store;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final Supplier<String> newSecret;
    private final IdGenerator ids;
    private final Clock clock;

    public WebhookSubscriptions(WebhookStore store, WebhookQueue queue, WebhookSender sender, Supplier<String> newSecret,
                                IdGenerator ids, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.sender = sender;
        this.newSecret = newSecret;
        this.ids = ids;
        this.clock = clock;
    }

    public Page<WebhookSubscription> list(CommandContext ctx, PageRequest page) { return store.listSubscriptions(ctx.tenantId(), page); }

    public WebhookSubscription get(CommandContext ctx, String webhookId) {
        return store.findSubscription(ctx.tenantId(), webhookId)
                .orElseThrow(() -> DomainException.notFound("webhook.not_found", "No webhook subscription " + webhookId));
    }

    /** {@code secret} null: one is generated. */
    public WebhookSubscription create(CommandContext ctx, String url, List<String> events, String description, String secret) {
        if (store.countSubscriptions(ctx.tenantId()) >= WebhookSubscription.MAX_PER_TENANT) {
            throw DomainException.unprocessable("webhook.too_many", "A tenant can have at most " + WebhookSubscription.MAX_PER_TENANT
                    + " webhook subscriptions", "Delete one you no longer need, or subscribe one endpoint to more event types.");
        }
        WebhookSubscription s = WebhookSubscription.create(ids.next("wh"), ctx.tenantId(), url, events, description,
                secret != null ? secret : newSecret.get(), clock.instant());
        store.createSubscription(s);
        return s;
    }

    public void delete(CommandContext ctx, String webhookId) {
        change(ctx, webhookId, s -> {
            store.deleteSubscription(ctx.tenantId(), webhookId, s.version());
            return s;
        });
    }

    /** A new secret, shown once; the previous one keeps signing beside it for a day. */
    public WebhookSubscription rotateSecret(CommandContext ctx, String webhookId) {
        return change(ctx, webhookId, s -> {
            WebhookSubscription next = s.withNewSecret(newSecret.get(), clock.instant());
            store.updateSubscription(next, s.version());
            return next;
        });
    }

    public Page<WebhookDelivery> deliveries(CommandContext ctx, String webhookId, String state, PageRequest page) {
        get(ctx, webhookId);
        return store.listDeliveries(ctx.tenantId(), webhookId, state, page);
    }

    /** Queues a delivered or failed event again, with the same delivery id (receivers de-duplicate on it). */
    public WebhookDelivery redeliver(CommandContext ctx, String webhookId, String deliveryId) {
        WebhookSubscription s = get(ctx, webhookId);
        if (!s.isActive()) {
            throw DomainException.conflict("webhook.disabled", "Webhook subscription " + webhookId + " is disabled: " + s.disabledReason(),
                    "Create a new subscription for a working endpoint.");
        }
        WebhookDelivery d = store.findDelivery(ctx.tenantId(), webhookId, deliveryId)
                .orElseThrow(() -> DomainException.notFound("webhook.delivery_not_found", "No delivery " + deliveryId + " of " + webhookId));
        WebhookDelivery queued = d.requeued(clock.instant());
        try {
            store.updateDelivery(queued, d.version());
        } catch (ConcurrentUpdateException e) {
            throw DomainException.conflict("webhook.delivery_in_progress", "Delivery " + deliveryId + " changed while you asked",
                    "Read the delivery log and ask again if it is still needed.");
        }
        try {
            queue.enqueue(List.of(new DeliveryRef(ctx.tenantId(), webhookId, deliveryId)));
        } catch (RuntimeException e) {
            store.updateDelivery(queued.givenUp(false, null, "the redelivery could not be queued", clock.instant()), queued.version());
            throw e;
        }
        return queued;
    }

    /** What a test send did; {@code secret} is the one generated for a bare URL (null for a subscription). */
    public record TestSend(String url, String messageId, WebhookSender.Result result, String secret) { }

    /**
     * Sends {@code payload} now, to a subscription (signed with its secrets) or to a bare URL (signed with a new
     * secret, returned so the receiver can check the signature).
     */
    public TestSend sendTest(CommandContext ctx, String webhookId, String url, String payload) {
        String messageId = ids.next("msg");
        if (webhookId != null) {
            WebhookSubscription s = get(ctx, webhookId);
            return new TestSend(s.url(), messageId, sender.send(s.url(), messageId, payload, s.signingSecrets(clock.instant())), null);
        }
        String secret = newSecret.get();
        return new TestSend(url, messageId, sender.send(url, messageId, payload, List.of(secret)), secret);
    }

    /**
     * Reads the subscription, checks the version the caller pinned, and applies the change; a change that lost a race
     * is re-read and applied again (unless the caller pinned a version).
     */
    private WebhookSubscription change(CommandContext ctx, String webhookId, Function<WebhookSubscription, WebhookSubscription> change) {
        for (int attempt = 1; ; attempt++) {
            WebhookSubscription s = get(ctx, webhookId);
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != s.version()) throw versionConflict(s.version());
            try {
                return change.apply(s);
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null) throw versionConflict(e.currentVersion());
                if (attempt >= MAX_ATTEMPTS) {
                    throw DomainException.conflict("webhook.contention", "Webhook subscription " + webhookId + " is being changed by others",
                            "Retry the request.");
                }
            }
        }
    }

    private static DomainException versionConflict(long current) {
        return DomainException.conflict("webhook.version_conflict", "The subscription has changed since you read it (it is now at version " + current + ")",
                "GET it again and send the new ETag.").with("current_version", current);
    }
}
