package dev.oms.orders;

import static dev.oms.app.security.Permission.EVENTS_REPLAY;
import static dev.oms.app.security.Permission.WEBHOOKS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.admin.EventReplays;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.WebhookRequests;
import dev.oms.platform.views.WebhookViews;
import java.util.List;
import java.util.Set;

/**
 * Seed 001 section 2, "Operations": the tenant's webhook subscriptions on the admin surface, on the same store and
 * delivery engine as {@code /v1/orders/webhooks} (the same rules, limits and secret handling; the subscription is then
 * managed, tested and redelivered there); and the replay of an order's events to one subscription. docs/admin-operations.md.
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
                post("/v1/admin/webhooks", this::create).requires(WEBHOOKS_MANAGE),
                post("/v1/admin/orders/{orderId}/replay-events", this::replay).requires(EVENTS_REPLAY).reason());
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String fingerprint = "admin-webhooks";
        return Pages.render(p.webhooks.list(r.command(), r.page(p.cursors, fingerprint)), WebhookViews::subscription, p.cursors, fingerprint);
    }

    /**
     * {@code {"webhook_id", "event_types"?, "dry_run"?, "reason"}}: the order's events sent again to one subscription
     * (202, each a delivery of its own), or what would be sent (200, {@code dry_run}).
     */
    private ApiResponse replay(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("webhook_id", "event_types", "dry_run", "reason");
        String webhookId = b.string("webhook_id", true, 64);
        List<String> types = b.strings("event_types", false, 1, 50, 100);
        Boolean dryRun = b.bool("dry_run", false);
        String reason = r.requiredReason();
        b.check();
        boolean dry = Boolean.TRUE.equals(dryRun);
        String orderId = r.pathParam("orderId");
        return r.execute(AdminWebhooksHandler::replayed,
                ctx -> p.replays.replay(ctx.withReason(reason), orderId, webhookId, types == null ? Set.of() : Set.copyOf(types), dry));
    }

    private static ApiResponse replayed(EventReplays.Replay res) {
        ObjectNode o = Json.object();
        o.put("replay_id", res.replayId());
        o.put("webhook_id", res.webhookId());
        o.put("dry_run", res.dryRun());
        ArrayNode events = o.putArray("events");
        for (EventReplays.Replayed e : res.events()) {
            events.addObject().put("event_id", e.eventId()).put("type", e.type()).put("delivery_id", e.deliveryId());
        }
        return ApiResponse.json(res.dryRun() ? 200 : 202, o);
    }

    /** 201 with the signing secret, the only time it is shown; {@code Location} is the subscription on {@code /v1/orders/webhooks}. */
    private ApiResponse create(ApiRequest r) {
        WebhookRequests.Creation c = WebhookRequests.creation(r.body(), p.webhookUrls);
        return r.execute(s -> ApiResponse.created(WebhookViews.withSecret(s), "/v1/orders/webhooks/" + s.id()).withVersion(s.version()),
                ctx -> p.webhooks.create(ctx, c.url(), c.events(), c.description(), c.secret()));
    }
}
