package dev.oms.orders;

import static dev.oms.platform.http.Route.get;

import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.wiring.HealthReport;
import java.util.List;
import java.util.Map;

/**
 * Seed 000 section 15: {@code GET /v1/orders/health}. Public: 200 {@code {"status":"ok"}} when the table answers,
 * 503 otherwise. Callers with {@code health:details} also see each check with its latency.
 */
public final class HealthHandler extends ApiHandler {
    private final OrdersApi p;
    private final Routes routes;

    public HealthHandler() { this(OrdersApi.get()); }

    HealthHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(get("/v1/orders/health", this::health));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse health(ApiRequest r) {
        return HealthReport.of(p.table, p.connectors, p.clock, r.caller())
                .map(o -> ApiResponse.ok(o).withHeader("cache-control", "no-store"))
                .orElseGet(() -> Problems.build(503, "health.unavailable", "The order store does not answer", "Retry shortly.", Map.of(), List.of(), r.path()));
    }
}
