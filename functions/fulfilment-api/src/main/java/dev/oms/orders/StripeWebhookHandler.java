package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import dev.oms.app.PostbackService;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.order.Order;
import dev.oms.platform.connectors.stripe.StripeWebhooks;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * The inbound payment webhook in Stripe's format, for tenants whose payments connector is {@code stripe}: the tenant
 * is in the path (Stripe sends no custom headers), the message is signed with {@code Stripe-Signature} and the
 * connector's {@code webhook_secret}, and each event id is applied once, as the payment postback it means. Disputes
 * ({@code charge.dispute.*}) are applied to the order the PaymentIntent's {@code metadata.order_id} names.
 */
public final class StripeWebhookHandler extends ApiHandler {
    private final FulfilmentApi p;
    private final Routes routes;

    public StripeWebhookHandler() { this(FulfilmentApi.get()); }

    StripeWebhookHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/orders/webhook/payment/stripe/{tenantId}", this::receive));
    }

    @Override
    public Routes routes() { return routes; }

    /** A message that is not signed by the tenant's Stripe endpoint secret is 401 before the contract is looked at. */
    @Override
    protected void authenticateSender(Route route, ApiRequest request) { verify(request); }

    private StripeWebhooks.Event verify(ApiRequest r) {
        String tenant = r.pathParam("tenantId");
        String secret = tenant == null || !tenant.matches("[A-Za-z0-9_\\-]{1,64}") ? null
                : p.connectors.secret(tenant, ConnectorPort.PAYMENTS, "stripe", "webhook_secret").orElse(null);
        if (secret == null) {
            throw new ApiProblem(401, "webhook.signature_invalid", "The Stripe-Signature is missing or wrong",
                    "Register this URL in Stripe and store its signing secret in the tenant's payments connector (webhook_secret).");
        }
        return StripeWebhooks.verify(r.body(), r.header("stripe-signature"), secret, p.clock);
    }

    private ApiResponse receive(ApiRequest r) {
        String tenant = r.pathParam("tenantId");
        StripeWebhooks.Event e = verify(r);
        if (e.id() == null) throw new ApiProblem(400, "request.invalid", "The event has no id", "Send the event as Stripe sends it.");
        ApiRequest asSender = r.withCaller(PostbackService.caller(tenant, "payment"));
        return once(asSender, tenant, "webhook\nstripe\n" + e.id(), "stripe",
                seen -> ApiResponse.ok(Json.object().put("duplicate", true)), q -> apply(q, e));
    }

    private ApiResponse apply(ApiRequest r, StripeWebhooks.Event e) {
        // a dispute names its PaymentIntent only: the order is the one the checkout set on it (a Stripe outage is a 503, which Stripe retries)
        String orderId = e.orderLookup() && e.paymentId() != null ? p.payments.orderReference(r.caller().tenantId(), e.paymentId()).orElse(null) : e.orderId();
        if (e.postbackType() == null || orderId == null || e.paymentId() == null) {
            // an event the OMS does not act on (another type, or a payment no order names): Stripe must not retry it
            return ApiResponse.ok(Json.object().put("ignored", true));
        }
        return r.execute(StripeWebhookHandler::received, ctx -> p.postbacks.paymentUpdated(ctx, orderId, e.paymentId(), e.postbackType(), e.amount()));
    }

    private static ApiResponse received(Order order) {
        return ApiResponse.ok(Json.object().put("received", true).put("order_id", order.id()));
    }
}
