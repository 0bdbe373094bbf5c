package dev.oms.orders;

import static dev.oms.app.security.Permission.WEBHOOKS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.WebhookRequests;
import dev.oms.platform.views.WebhookViews;

/**
 * Seed 001 section 2, "Operations": the tenant's webhook subscriptions on the admin surface, on the same store and
 * delivery engine as {@code /v1/orders/webhooks} (the same rules, limits and secret handling; the subscription is then
 * managed, tested and redelivered there). docs/admin-operations.md.
 */
public final class AdminWebhooksHandler extends ApiHandler {
    private final AdminOpsApi p;
    private final Routes routes;

    public AdminWebhooksHandler() { this(AdminOpsApi.get()); }

    AdminWebhooksHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/admin/webhooks", this::list).requires(WEBHOOKS_MANAGE),
                post("/v1/admin/webhooks", this::create).requires(WEBHOOKS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String fingerprint = "admin-webhooks";
        return Pages.render(p.webhooks.list(r.command(), r.page(p.cursors, fingerprint)), WebhookViews::subscription, p.cursors, fingerprint);
    }

    /** 201 with the signing secret, the only time it is shown; {@code Location} is the subscription on {@code /v1/orders/webhooks}. */
    private ApiResponse create(ApiRequest r) {
        WebhookRequests.Creation c = WebhookRequests.creation(r.body(), p.webhookUrls);
        return r.execute(s -> ApiResponse.created(WebhookViews.withSecret(s), "/v1/orders/webhooks/" + s.id()).withVersion(s.version()),
                ctx -> p.webhooks.create(ctx, c.url(), c.events(), c.description(), c.secret()));
    }
}
