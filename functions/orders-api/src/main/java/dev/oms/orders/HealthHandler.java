package dev.oms.orders;

import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Permission;
import dev.oms.platform.config.Env;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
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
        long started = System.nanoTime();
        String error = null;
        try {
            p.table.get("HEALTH", "A");
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (error != null) {
            return Problems.build(503, "health.unavailable", "The order store does not answer", "Retry shortly.", Map.of(), List.of(), r.path());
        }
        ObjectNode o = Json.object();
        o.put("status", "ok");
        o.put("time", Times.format(p.clock.instant()));
        if (r.caller() != null && r.caller().can(Permission.HEALTH_DETAILS)) {
            ObjectNode checks = o.putObject("checks");
            checks.putObject("dynamodb").put("status", "ok").put("latency_ms", millis).put("table", p.table.name());
            // the caller's tenant's adapters, from the connector registry (docs/connectors.md)
            ObjectNode connectors = checks.putObject("connectors");
            for (var port : java.util.List.of(dev.oms.app.connector.registry.ConnectorPort.PAYMENTS,
                    dev.oms.app.connector.registry.ConnectorPort.INVENTORY, dev.oms.app.connector.registry.ConnectorPort.FRAUD)) {
                String adapter;
                try {
                    adapter = p.connectors.adapterName(r.caller().tenantId(), port);
                } catch (dev.oms.domain.DomainException notConfigured) {
                    adapter = "not_configured";
                }
                connectors.put(port.wireName(), adapter);
            }
            o.put("region", Env.get("AWS_REGION", Env.get("aws.region", "unknown")));
            o.put("function_version", Env.get("AWS_LAMBDA_FUNCTION_VERSION", "local"));
        }
        return ApiResponse.ok(o).withHeader("cache-control", "no-store");
    }
}
