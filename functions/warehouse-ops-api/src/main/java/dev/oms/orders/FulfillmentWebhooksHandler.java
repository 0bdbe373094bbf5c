package dev.oms.orders;

import static dev.oms.app.security.Permission.WEBHOOKS_MANAGE;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.WebhookSubscriptions.TestSend;
import dev.oms.domain.warehouse.ops.FulfilmentWebhookEvents;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.WebhookViews;
import java.util.List;

/**
 * Seed 003 section 13: fulfilment event subscriptions on the OMS webhook engine (docs/webhooks.md: Standard Webhooks
 * signatures, retries for days, the delivery log and redelivery under {@code /v1/orders/webhooks/{id}/deliveries}),
 * limited to the fulfilment event types. Permission {@code webhooks:manage}, as for every subscription.
 */
public final class FulfillmentWebhooksHandler extends ApiHandler {
    static final int MAX_EVENT_FILTERS = 50;
    static final String TEST_EVENT_TYPE = "webhook.test";

    private final WarehouseOpsApi p;
    private final Routes routes;

    public FulfillmentWebhooksHandler() { this(WarehouseOpsApi.get()); }

    FulfillmentWebhooksHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/webhooks", this::list).requires(WEBHOOKS_MANAGE),
                post("/v1/fulfillment/webhooks", this::create).requires(WEBHOOKS_MANAGE),
                delete("/v1/fulfillment/webhooks/{id}", this::remove).requires(WEBHOOKS_MANAGE),
                post("/v1/fulfillment/webhooks/test", this::test).requires(WEBHOOKS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String fingerprint = "fulfillment-webhooks";
        return Pages.render(p.webhooks.list(r.command(), r.page(p.cursors, fingerprint)), WebhookViews::subscription, p.cursors, fingerprint);
    }

    /** {@code {"url", "events", "description"?, "secret"?}}: 201 with the secret, the only time it is shown. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("url", "events", "description", "secret");
        String url = WebhookViews.url(b, "url", true, p.webhookUrls);
        List<String> events = b.strings("events", true, 1, MAX_EVENT_FILTERS, 64);
        String description = b.string("description", false, 500);
        String secret = WebhookViews.secret(b);
        b.check();
        return r.execute(s -> ApiResponse.created(WebhookViews.withSecret(s), "/v1/orders/webhooks/" + s.id()).withVersion(s.version()),
                ctx -> p.webhooks.create(ctx, url, events, description, secret));
    }

    private ApiResponse remove(ApiRequest r) {
        p.webhooks.delete(r.command(), r.pathParam("id"));
        return ApiResponse.noContent();
    }

    /** {@code {"webhook_id"} or {"url"}, "event_type"?}: a signed test message now, and how the endpoint answered. */
    private ApiResponse test(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("webhook_id", "url", "event_type");
        String webhookId = b.string("webhook_id", false, 128);
        String url = WebhookViews.url(b, "url", false, p.webhookUrls);
        String type = b.string("event_type", false, 64);
        if (b.has("webhook_id") == b.has("url")) b.error("webhook_id", "field.required", "Send either webhook_id or url");
        if (type != null && !FulfilmentWebhookEvents.ALL.contains(type)) b.error("event_type", "events.unknown_type", type + " is not a fulfilment event type");
        b.check();
        String eventType = type == null ? TEST_EVENT_TYPE : type;
        ObjectNode payload = EventEnvelope.test(p.ids.next("evt"), eventType, r.caller().tenantId(), p.clock.instant(),
                r.caller().subject(), r.caller().kind());
        TestSend sent = p.webhooks.sendTest(r.command(), webhookId, url, Json.write(payload));
        return ApiResponse.ok(WebhookViews.testSend(webhookId, eventType, sent));
    }
}
