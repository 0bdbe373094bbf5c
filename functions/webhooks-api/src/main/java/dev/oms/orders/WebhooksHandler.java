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
import dev.oms.platform.views.WebhookRequests;
import dev.oms.platform.views.WebhookViews;
import java.util.Set;

/**
 * Seed 000 section 10, outbound: webhook subscriptions of the caller's tenant, their delivery log, redelivery and test
 * sends. The secret is in the answer to create and rotate-secret only.
 */
public final class WebhooksHandler extends ApiHandler {
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
        return Pages.render(p.webhooks.list(r.command(), r.page(p.cursors, fingerprint)), WebhookViews::subscription, p.cursors, fingerprint);
    }

    private ApiResponse read(ApiRequest r) {
        WebhookSubscription s = p.webhooks.get(r.command(), r.pathParam("webhookId"));
        return ApiResponse.ok(WebhookViews.subscription(s)).withVersion(s.version());
    }

    /** {@code {"url", "events", "description"?, "secret"?}}: 201 with the secret, the only time it is shown. */
    private ApiResponse create(ApiRequest r) {
        WebhookRequests.Creation c = WebhookRequests.creation(r.body(), p.webhookUrls);
        return r.execute(s -> ApiResponse.created(WebhookViews.withSecret(s), "/v1/orders/webhooks/" + s.id()).withVersion(s.version()),
                ctx -> p.webhooks.create(ctx, c.url(), c.events(), c.description(), c.secret()));
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
        return r.execute(s -> ApiResponse.ok(WebhookViews.withSecret(s)).withVersion(s.version()),
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
                WebhookViews::delivery, p.cursors, fingerprint);
    }

    /** 202: the same event, with the same delivery id, is queued again. */
    private ApiResponse redeliver(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(d -> ApiResponse.accepted(WebhookViews.delivery(d)),
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
        String url = WebhookViews.url(b, "url", false, p.webhookUrls);
        String type = b.string("event_type", false, 64);
        if (b.has("webhook_id") == b.has("url")) b.error("webhook_id", "field.required", "Send either webhook_id or url");
        if (type != null && !OrderEventTypes.isKnown(type)) b.error("event_type", "events.unknown_type", type + " is not an order event type");
        b.check();
        ObjectNode payload = EventEnvelope.test(p.ids.next("evt"), type == null ? TEST_EVENT_TYPE : type, r.caller().tenantId(),
                p.clock.instant(), r.caller().subject(), r.caller().kind());
        TestSend sent = p.webhooks.sendTest(r.command(), webhookId, url, Json.write(payload));
        return ApiResponse.ok(WebhookViews.testSend(webhookId, payload.path("type").asText(), sent));
    }
}
