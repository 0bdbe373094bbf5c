package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.WebhookSubscriptions.TestSend;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;

/**
 * Webhook subscriptions, deliveries and test sends as the API shows them, and their request fields, for every surface
 * that manages them (the order webhooks, the fulfilment webhooks). The secret is shown by {@link #withSecret} only.
 */
public final class WebhookViews {
    private WebhookViews() { }

    public static ObjectNode subscription(WebhookSubscription s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("url", s.url());
        o.set("events", Json.valueToTree(s.events()));
        o.put("description", s.description());
        o.put("state", s.state());
        o.put("disabled_reason", s.disabledReason());
        o.put("previous_secret_expires_at", Times.format(s.previousSecretExpiresAt()));
        o.put("created_at", Times.format(s.createdAt()));
        o.put("updated_at", Times.format(s.updatedAt()));
        o.put("version", s.version());
        return o;
    }

    public static ObjectNode withSecret(WebhookSubscription s) { return subscription(s).put("secret", s.secret()); }

    public static ObjectNode delivery(WebhookDelivery d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("webhook_id", d.webhookId());
        o.put("event_id", d.eventId());
        o.put("event_type", d.eventType());
        o.put("order_id", d.orderId());
        o.put("state", d.state());
        o.put("attempts", d.attempts());
        o.put("last_status_code", d.lastStatusCode());
        o.put("last_error", d.lastError());
        o.put("next_attempt_at", Times.format(d.nextAttemptAt()));
        o.put("created_at", Times.format(d.createdAt()));
        o.put("updated_at", Times.format(d.updatedAt()));
        o.put("delivered_at", Times.format(d.deliveredAt()));
        return o;
    }

    /** How the endpoint answered a test send; the new secret when a bare URL was signed. */
    public static ObjectNode testSend(String webhookId, String eventType, TestSend sent) {
        ObjectNode o = Json.object();
        o.put("webhook_id", webhookId);
        o.put("url", sent.url());
        o.put("message_id", sent.messageId());
        o.put("event_type", eventType);
        o.put("delivered", sent.result().isSuccess());
        o.put("status_code", sent.result().statusOrNull());
        o.put("latency_ms", sent.result().latencyMillis());
        o.put("error", sent.result().error());
        if (sent.secret() != null) o.put("secret", sent.secret());
        return o;
    }

    /** A URL field that webhooks may be sent to (https, public addresses); the guard's refusal is its field error. */
    public static String url(Body b, String field, boolean required, WebhookUrlGuard guard) {
        String url = b.string(field, required, WebhookUrlGuard.MAX_URL_LENGTH);
        if (url != null) guard.check(url).ifPresent(no -> b.error(field, no.code(), no.message()));
        return url;
    }

    /** The optional {@code secret} of a new subscription: base64 of at least the minimum length, optionally {@code whsec_}. */
    public static String secret(Body b) {
        String secret = b.string("secret", false, 200);
        String problem = secret == null ? null : WebhookSignature.secretProblem(secret);
        if (problem != null) {
            b.error("secret", problem, "A secret of your own is base64 of at least " + WebhookSignature.MIN_SECRET_CHARS
                    + " characters, optionally prefixed whsec_; leave it out to get a generated one");
        }
        return secret;
    }
}
