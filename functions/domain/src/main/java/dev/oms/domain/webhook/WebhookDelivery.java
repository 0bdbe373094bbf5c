package dev.oms.domain.webhook;

import dev.oms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;

/**
 * One event on its way to one subscription, and the log of trying: {@code pending} (queued, not tried yet),
 * {@code retrying} (failed, tried again at {@code nextAttemptAt}), {@code delivered} (a 2xx answer) or {@code failed}
 * (given up: {@link #MAX_ATTEMPTS} failures, 410 Gone, or the subscription went away). Its id derives from the
 * subscription and the event, so an event delivered twice to the fan-out is logged once, and it is the
 * {@code webhook-id} receivers de-duplicate on. {@code payload} is the exact body that is signed and sent.
 */
public record WebhookDelivery(String id, String tenantId, String webhookId, String eventId, String eventType, String orderId,
                              String payload, String state, int attempts, Integer lastStatusCode, String lastError,
                              Instant nextAttemptAt, Instant createdAt, Instant updatedAt, Instant deliveredAt, long version) {
    public static final String PENDING = "pending";
    public static final String RETRYING = "retrying";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** Attempts before giving up: with the back-off below, about three days. */
    public static final int MAX_ATTEMPTS = 16;
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    /** The longest an SQS message can stay invisible, so the longest wait between two attempts. */
    public static final Duration MAX_RETRY = Duration.ofHours(12);

    /** {@code dlv_<event ulid>_<subscription ulid>}: sorts by event, unique per subscription and event. */
    public static String idFor(String webhookId, String eventId) {
        return "dlv_" + withoutPrefix(eventId) + "_" + withoutPrefix(webhookId);
    }

    private static String withoutPrefix(String id) { return id.substring(id.indexOf('_') + 1); }

    /**
     * A replay of an event to one subscription (the admin's {@code replay-events}): a delivery of its own,
     * {@code dlv_<event>_<subscription>_<replay>}, so it is logged and sent beside the original, never instead of it.
     */
    public static WebhookDelivery replay(String tenantId, String webhookId, String eventId, String replayId, String eventType,
                                         String orderId, String payload, Instant now) {
        return new WebhookDelivery(idFor(webhookId, eventId) + "_" + withoutPrefix(replayId), tenantId, webhookId, eventId, eventType,
                orderId, payload, PENDING, 0, null, null, now, now, now, null, 1);
    }

    public static WebhookDelivery create(String tenantId, String webhookId, String eventId, String eventType, String orderId,
                                         String payload, Instant now) {
        return new WebhookDelivery(idFor(webhookId, eventId), tenantId, webhookId, eventId, eventType, orderId, payload, PENDING,
                0, null, null, now, now, now, null, 1);
    }

    /** The wait after failed attempt {@code n} (1-based): 30 s, 1 min, 2, 4, 8 ... at most 12 h. */
    public static Duration backoff(int attempt) {
        long seconds = FIRST_RETRY.getSeconds() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofSeconds(Math.min(seconds, MAX_RETRY.getSeconds()));
    }

    /** Delivered or given up: nothing more is sent unless someone asks for a redelivery. */
    public boolean isSettled() { return DELIVERED.equals(state) || FAILED.equals(state); }

    /** Queued but never tried (a fan-out that stopped before queueing it may queue it again). */
    public boolean isUntried() { return PENDING.equals(state) && attempts == 0; }

    public WebhookDelivery delivered(int statusCode, Instant now) {
        return next(DELIVERED, attempts + 1, statusCode, null, null, now, now);
    }

    /**
     * Attempt {@code attempt} of the current queue message failed: retry after the back-off, or give up after the
     * last attempt.
     */
    public WebhookDelivery failedAttempt(int attempt, Integer statusCode, String error, Instant now) {
        if (attempt >= MAX_ATTEMPTS) return next(FAILED, attempts + 1, statusCode, error, null, now, null);
        return next(RETRYING, attempts + 1, statusCode, error, now.plus(backoff(attempt)), now, null);
    }

    /** Gives up without retrying: the endpoint is gone (counts as an attempt) or the subscription is. */
    public WebhookDelivery givenUp(boolean attempted, Integer statusCode, String error, Instant now) {
        return next(FAILED, attempted ? attempts + 1 : attempts, attempted ? statusCode : lastStatusCode, error, null, now, deliveredAt);
    }

    /** Sends the same event again (a person asked for it): only once the previous delivery has settled. */
    public WebhookDelivery requeued(Instant now) {
        if (!isSettled()) {
            throw DomainException.conflict("webhook.delivery_in_progress", "Delivery " + id + " is still " + state,
                    "Wait until it is delivered or has failed, then ask again.");
        }
        return next(PENDING, attempts, lastStatusCode, lastError, now, now, deliveredAt);
    }

    private WebhookDelivery next(String newState, int newAttempts, Integer status, String error, Instant nextAttempt,
                                 Instant now, Instant delivered) {
        return new WebhookDelivery(id, tenantId, webhookId, eventId, eventType, orderId, payload, newState, newAttempts, status,
                error, nextAttempt, createdAt, now, delivered, version + 1);
    }
}
