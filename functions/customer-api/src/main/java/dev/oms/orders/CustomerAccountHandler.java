package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import dev.oms.platform.http.Body;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.List;
import java.util.Map;

/**
 * Seed 001 section 3 for the customer surface: what the shop lets its customers do ({@code capabilities}), the
 * tenant's settings in the customer's terms ({@code settings}), and the service's health (public, like
 * {@code GET /v1/orders/health}). Only customer-relevant values, each named here (an allow-list): nothing about
 * connectors, warehouses, fraud or policies for staff.
 */
public final class CustomerAccountHandler extends dev.oms.platform.http.ApiHandler {
    /** The tenant's cancellation policy in the customer's words. */
    static final Map<String, String> CANCEL_UNTIL = Map.of("before_shipment", "until_shipped", "before_confirmation", "until_confirmed");

    private final CustomerApi p;
    private final Routes routes;

    public CustomerAccountHandler() { this(CustomerApi.get()); }

    CustomerAccountHandler(CustomerApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                CustomerOnly.route(get("/v1/customer/capabilities", this::capabilities), ORDERS_READ),
                CustomerOnly.route(get("/v1/customer/settings", this::settings), ORDERS_READ),
                CustomerOnly.route(get("/v1/customer/impersonation-consent", this::consent), ORDERS_READ),
                CustomerOnly.route(post("/v1/customer/impersonation-consent", this::changeConsent), ORDERS_READ),
                CustomerOnly.route(post("/v1/customer/gdpr/erase-request", this::requestErasure), ORDERS_READ),
                CustomerOnly.route(get("/v1/customer/gdpr/erase-request/{requestId}", this::erasure), ORDERS_READ),
                get("/v1/customer/health", this::health));
    }

    @Override
    public Routes routes() { return routes; }

    /** The customer's choice about being impersonated by the shop's staff: {@code allowed} true, false or null (never chosen). */
    private ApiResponse consent(ApiRequest r) {
        Boolean allowed = p.impersonationConsents.choice(r.command());
        ObjectNode o = Json.object();
        if (allowed == null) o.putNull("allowed"); else o.put("allowed", allowed);
        return ApiResponse.ok(o);
    }

    /** {@code {"allowed": true|false}}: the customer's own choice (not an impersonation token's). */
    private ApiResponse changeConsent(ApiRequest r) {
        Body b = Body.parse(r.body()).allow("allowed");
        Boolean allowed = b.bool("allowed", true);
        b.check();
        return r.execute(c -> ApiResponse.ok(Json.object().put("allowed", c.allowed()).put("changed_at", Times.format(c.changedAt()))),
                ctx -> p.impersonationConsents.choose(ctx, allowed));
    }

    /**
     * {@code {"confirm": true}}: the customer asks to erase their personal data (202 with the request; while one is
     * under way, 200 with that one). The gdpr-erasure workflow carries it out (docs/customer-api.md#gdpr-erasure).
     */
    private ApiResponse requestErasure(ApiRequest r) {
        Body b = Body.parse(r.body()).allow("confirm");
        Boolean confirm = b.bool("confirm", true);
        if (Boolean.FALSE.equals(confirm)) b.error("confirm", "field.not_allowed", "confirm must be true: erasure cannot be undone");
        b.check();
        return r.execute(x -> (x.created() ? ApiResponse.accepted(erasureView(x.request())) : ApiResponse.ok(erasureView(x.request())))
                        .withHeader("location", "/v1/customer/gdpr/erase-request/" + x.request().id()),
                ctx -> p.erasureRequests.request(ctx));
    }

    private ApiResponse erasure(ApiRequest r) {
        return ApiResponse.ok(erasureView(p.erasureRequests.get(r.command(), r.pathParam("requestId"))));
    }

    /** The request as the customer sees it: status, blockers, the certificate; never the orders' ids or the pseudonym. */
    static ObjectNode erasureView(dev.oms.domain.privacy.ErasureRequest e) {
        ObjectNode o = Json.object();
        o.put("request_id", e.id());
        o.put("status", e.status());
        o.put("requested_at", Times.format(e.requestedAt()));
        o.put("updated_at", Times.format(e.updatedAt()));
        var blockers = o.putArray("blockers");
        for (var b : e.blockers()) blockers.addObject().put("order_id", b.orderId()).put("code", b.code()).put("message", b.message());
        if (e.certificate() != null && e.certificate().completedAt() != null) {
            var c = e.certificate();
            ObjectNode x = o.putObject("certificate");
            x.put("orders_erased", c.ordersErased());
            x.put("items_rewritten", c.itemsRewritten());
            x.put("events_rewritten", c.eventsRewritten());
            x.put("deliveries_rewritten", c.deliveriesRewritten());
            x.put("documents_deleted", c.documentsDeleted());
            x.set("kept", Json.valueToTree(c.kept()));
            x.put("completed_at", Times.format(c.completedAt()));
        } else {
            o.putNull("certificate");
        }
        if (e.failure() != null) o.put("failure", e.failure()); else o.putNull("failure");
        return o;
    }

    private ApiResponse capabilities(ApiRequest r) {
        ObjectNode x = Json.object();
        x.put("returns_enabled", true);
        x.put("replacements_enabled", true);
        x.put("store_credit", true);
        x.put("cancel_requests_enabled", true);
        x.put("address_changes_enabled", true);
        x.put("return_methods", Json.array().add("ship").add("dropoff").add("pickup"));
        return ApiResponse.ok(x);
    }

    private ApiResponse settings(ApiRequest r) {
        TenantSettings s = p.settings.get(r.caller().tenantId());
        ObjectNode x = Json.object();
        x.put("return_window_days", s.returnWindowDays());
        x.put("cancellation_allowed", CANCEL_UNTIL.getOrDefault(s.cancellationPolicy(), "until_shipped"));
        x.put("cancellation_after_that", "request");
        x.put("address_change_allowed", "until_with_warehouse");
        x.put("return_address", CustomerViews.address(p.settings.returnAddress(r.caller().tenantId())));
        return ApiResponse.ok(x);
    }

    private ApiResponse health(ApiRequest r) {
        try {
            p.table.get("HEALTH", "A");
        } catch (RuntimeException e) {
            return Problems.build(503, "health.unavailable", "The order store does not answer", "Retry shortly.", Map.of(), List.of(), r.path());
        }
        ObjectNode o = Json.object();
        o.put("status", "ok");
        o.put("time", Times.format(p.clock.instant()));
        return ApiResponse.ok(o).withHeader("cache-control", "no-store");
    }
}
