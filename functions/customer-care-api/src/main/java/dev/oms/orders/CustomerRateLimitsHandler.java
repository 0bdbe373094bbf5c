package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.ratelimit.RateLimiter;

/** Seed 001 section 3: the caller's request quotas and their use in the current window (docs/customer-care.md). */
public final class CustomerRateLimitsHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerRateLimitsHandler() { this(CustomerCareApi.get()); }

    CustomerRateLimitsHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(get("/v1/customer/rate-limits", this::read).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse read(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        ObjectNode o = Json.object();
        ArrayNode quotas = o.putArray("quotas");
        for (RateLimiter.Quota q : p.rateLimits.usage(r.caller())) {
            ObjectNode n = quotas.addObject();
            n.put("name", q.name());
            n.put("limit", q.limit());
            n.put("window_seconds", q.windowSeconds());
            n.put("used", q.limit() - q.remaining());
            n.put("remaining", q.remaining());
            n.put("reset_seconds", q.resetSeconds());
        }
        var limits = p.rateLimits.limits(r.caller().tenantId());
        o.putObject("guest_lookup").put("per_order", limits.guestLookupsPerOrder()).put("per_client", limits.guestLookupsPerClient())
                .put("window_seconds", dev.oms.domain.settings.RateLimits.GUEST_WINDOW_SECONDS);
        return ApiResponse.ok(o);
    }
}
