package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.RateLimitViews;

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
        return ApiResponse.ok(RateLimitViews.usage(p.rateLimits, r.caller()));
    }
}
