package dev.oms.orders;

import static dev.oms.app.security.Permission.WEBHOOKS_MANAGE;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.WebhookSubscriptions.TestSend;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderEventTypes;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 section 10, outbound: webhook subscriptions of the caller's tenant, their delivery log, redelivery and test
 * sends. The secret is in the answer to create and rotate-secret only.
 */
public final class WebhooksHandler extends ApiHandler {
    static final int MAX_EVENT_FILTERS = 50;
    static final String TEST_EVENT_TYPE = "webhook.test";
    private static final Set<String> DELIVERY_STATES =
            Set.of(WebhookDelivery.PENDING, WebhookDelivery.RETRYING, WebhookDelivery.DELIVERED, WebhookDelivery.FAILED);

    private final WebhooksApi p;
    private final Routes routes;

    public WebhooksHandler() { this(WebhooksApi.get()); }

    WebhooksHandler(WebhooksApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/webhooks", this::list).requires(WEBHOOKS_MANAGE),
                post("/v1/orders/webhooks", this::create).requires(WEBHOOKS_MANAGE),
                post("/v1/orders/webhooks/test", this::test).requires(WEBHOOKS_MANAGE),
                get("/v1/orders/webhooks/{webhookId}", this::read).requires(WEBHOOKS_MANAGE),
                delete("/v1/orders/webhooks/{webhookId}", this::remove).requires(WEBHOOKS_MANAGE),
                post("/v1/orders/webhooks/{webhookId}/rotate-secret", this::rotateSecret).requires(WEBHOOKS_MANAGE),
                get("/v1/orders/webhooks/{webhookId}/deliveries", this::deliveries).requires(WEBHOOKS_MANAGE),
                post("/v1/orders/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", this::redeliver).requires(WEBHOOKS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String fingerprint = "webhooks";
        return Pages.render(p.webhooks.list(r.command(), r.page(p.cursors, fingerprint)), WebhooksHandler::subscriptionView, p.cursors, fingerprint);
    }

    private ApiResponse read(ApiRequest r) {
        WebhookSubscription s = p.webhooks.get(r.command(), r.pathParam("webhookId"));
        return ApiResponse.ok(subscriptionView(s)).withVersion(s.version());
    }

    /** {@code {"url", "events", "description"?, "secret"?}}: 201 with the secret, the only time it is shown. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("url", "events", "description", "secret");
        String url = url(b, "url", true);
        List<String> events = b.strings("events", true, 1, MAX_EVENT_FILTERS, 64);
        String description = b.string("description", false, 500);
        String secret = b.string("secret", false, 200);
        String secretProblem = secret == null ? null : WebhookSignature.secretProblem(secret);
        if (secretProblem != null) {
            b.error("secret", secretProblem, "A secret of your own is base64 of at least " + WebhookSignature.MIN_SECRET_CHARS
                    + " characters, optionally prefixed whsec_; leave it out to get a generated one");
        }
        b.check();
        return r.execute(s -> ApiResponse.created(withSecret(s), "/v1/orders/webhooks/" + s.id()).withVersion(s.version()),
                ctx -> p.webhooks.create(ctx, url, events, description, secret));
    }

    private ApiResponse remove(ApiRequest r) {
        p.webhooks.delete(r.command(), r.pathParam("webhookId"));
        return ApiResponse.noContent();
    }

    /** A new secret, shown once; the previous one keeps signing for 24 hours. */
    private ApiResponse rotateSecret(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(s -> ApiResponse.ok(withSecret(s)).withVersion(s.version()),
                ctx -> p.webhooks.rotateSecret(ctx, r.pathParam("webhookId")));
    }

    private ApiResponse deliveries(ApiRequest r) {
        String state = r.query("state");
        if (state != null && !DELIVERY_STATES.contains(state)) {
            throw DomainException.invalidField("state", "field.not_allowed", "state must be one of " + DELIVERY_STATES.stream().sorted().toList());
        }
        String webhookId = r.pathParam("webhookId");
        String fingerprint = "webhook-deliveries|" + webhookId + "|" + state;
        return Pages.render(p.webhooks.deliveries(r.command(), webhookId, state, r.page(p.cursors, fingerprint)),
                WebhooksHandler::deliveryView, p.cursors, fingerprint);
    }

    /** 202: the same event, with the same delivery id, is queued again. */
    private ApiResponse redeliver(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(d -> ApiResponse.accepted(deliveryView(d)),
                ctx -> p.webhooks.redeliver(ctx, r.pathParam("webhookId"), r.pathParam("deliveryId")));
    }

    /**
     * {@code {"webhook_id"} or {"url"}, "event_type"?}: sends a signed test message now and answers how the endpoint
     * answered. A bare URL is signed with a new secret, returned in the answer.
     */
    private ApiResponse test(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("webhook_id", "url", "event_type");
        String webhookId = b.string("webhook_id", false, 128);
        String url = url(b, "url", false);
        String type = b.string("event_type", false, 64);
        if (b.has("webhook_id") == b.has("url")) b.error("webhook_id", "field.required", "Send either webhook_id or url");
        if (type != null && !OrderEventTypes.isKnown(type)) b.error("event_type", "events.unknown_type", type + " is not an order event type");
        b.check();
        ObjectNode payload = EventEnvelope.test(p.ids.next("evt"), type == null ? TEST_EVENT_TYPE : type, r.caller().tenantId(),
                p.clock.instant(), r.caller().subject(), r.caller().kind());
        TestSend sent = p.webhooks.sendTest(r.command(), webhookId, url, Json.write(payload));
        ObjectNode o = Json.object();
        o.put("webhook_id", webhookId);
        o.put("url", sent.url());
        o.put("message_id", sent.messageId());
        o.put("event_type", payload.path("type").asText());
        o.put("delivered", sent.result().isSuccess());
        o.put("status_code", sent.result().statusOrNull());
        o.put("latency_ms", sent.result().latencyMillis());
        o.put("error", sent.result().error());
        if (sent.secret() != null) o.put("secret", sent.secret());
        return ApiResponse.ok(o);
    }

    /** A URL field that webhooks may be sent to (https, public addresses); the guard's refusal is its field error. */
    private String url(Body b, String field, boolean required) {
        String url = b.string(field, required, WebhookUrlGuard.MAX_URL_LENGTH);
        if (url != null) p.webhookUrls.check(url).ifPresent(no -> b.error(field, no.code(), no.message()));
        return url;
    }

    static ObjectNode subscriptionView(WebhookSubscription s) {
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

    private static ObjectNode withSecret(WebhookSubscription s) { return subscriptionView(s).put("secret", s.secret()); }

    static ObjectNode deliveryView(WebhookDelivery d) {
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
}
