package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.CapabilityViews;
import dev.oms.platform.views.RateLimitViews;
import dev.oms.platform.wiring.HealthReport;
import java.util.List;
import java.util.Map;

/**
 * Seed 001 section 3 for the admin surface (staff and services): the tenant's capabilities (as
 * {@code GET /v1/orders/capabilities}), the service's health with its checks for callers with {@code health:details}
 * (as {@code GET /v1/orders/health}, but behind a token like every admin route), and the caller's request quotas (as
 * {@code GET /v1/customer/rate-limits}). docs/admin-api.md.
 */
public final class AdminServiceInfoHandler extends ApiHandler {
    private final AdminApi p;
    private final Routes routes;

    public AdminServiceInfoHandler() { this(AdminApi.get()); }

    AdminServiceInfoHandler(AdminApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/admin/capabilities", this::capabilities).requires(ORDERS_READ),
                get("/v1/admin/health", this::health).requires(ORDERS_READ),
                get("/v1/admin/rate-limits", this::rateLimits).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse capabilities(ApiRequest r) {
        Versioned v = p.settings.get(r.command());
        ObjectNode o = CapabilityViews.capabilities(v, CapabilityViews.enabled(p.policies.list(r.command())));
        return ApiResponse.ok(o).withVersion(v.version());
    }

    private ApiResponse health(ApiRequest r) {
        return HealthReport.of(p.table, p.connectors, p.clock, r.caller())
                .map(o -> ApiResponse.ok(o).withHeader("cache-control", "no-store"))
                .orElseGet(() -> Problems.build(503, "health.unavailable", "The order store does not answer", "Retry shortly.", Map.of(), List.of(), r.path()));
    }

    private ApiResponse rateLimits(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return ApiResponse.ok(RateLimitViews.usage(p.rateLimits, r.caller()));
    }
}
