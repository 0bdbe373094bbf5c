package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import dev.oms.app.PostbackService;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.connectors.easypost.EasyPostWebhooks;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * EasyPost's tracking webhook for tenants whose carrier connector is {@code easypost}: the tenant is in the path, the
 * message is signed with {@code X-Hmac-Signature} and the connector's {@code webhook_secret}; each event id is applied
 * once, as tracking reports of the OMS shipment the EasyPost shipment was bought for.
 */
public final class EasyPostWebhookHandler extends ApiHandler {
    private final FulfilmentApi p;
    private final Routes routes;

    public EasyPostWebhookHandler() { this(FulfilmentApi.get()); }

    EasyPostWebhookHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/orders/webhook/carrier/easypost/{tenantId}", this::receive));
    }

    @Override
    public Routes routes() { return routes; }

    @Override
    protected void authenticateSender(Route route, ApiRequest request) { verify(request); }

    private EasyPostWebhooks.Event verify(ApiRequest r) {
        String tenant = r.pathParam("tenantId");
        String secret = tenant == null || !tenant.matches("[A-Za-z0-9_\\-]{1,64}") ? null
                : p.connectors.secret(tenant, ConnectorPort.CARRIER, "easypost", "webhook_secret").orElse(null);
        if (secret == null) {
            throw new ApiProblem(401, "webhook.signature_invalid", "The X-Hmac-Signature is missing or wrong",
                    "Register this URL in EasyPost with the webhook secret stored in the tenant's carrier connector (webhook_secret).");
        }
        return EasyPostWebhooks.verify(r.body(), r.header("x-hmac-signature"), secret);
    }

    private ApiResponse receive(ApiRequest r) {
        String tenant = r.pathParam("tenantId");
        EasyPostWebhooks.Event e = verify(r);
        if (e.id() == null) throw new ApiProblem(400, "request.invalid", "The event has no id", "Send the event as EasyPost sends it.");
        ApiRequest asSender = r.withCaller(PostbackService.caller(tenant, "fulfillment"));
        return once(asSender, tenant, "webhook\neasypost\n" + e.id(), "easypost",
                seen -> ApiResponse.ok(Json.object().put("duplicate", true)), q -> apply(q, tenant, e));
    }

    private ApiResponse apply(ApiRequest r, String tenant, EasyPostWebhooks.Event e) {
        String[] shipment = e.vendorShipmentId() == null || e.reports().isEmpty() ? null
                : p.labelPurchases.shipmentOf(tenant, "easypost", e.vendorShipmentId()).orElse(null);
        if (shipment == null) return ApiResponse.ok(Json.object().put("ignored", true)); // not a label the OMS bought
        return r.execute(s -> ApiResponse.ok(Json.object().put("received", true).put("order_id", s.order().id())),
                ctx -> p.fulfillments.track(ctx, shipment[0], shipment[1], e.reports(), "easypost"));
    }
}
