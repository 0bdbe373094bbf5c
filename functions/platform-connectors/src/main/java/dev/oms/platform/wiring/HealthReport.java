package dev.oms.platform.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.security.Caller;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The health body of {@code GET /v1/orders/health} and {@code GET /v1/admin/health}: {@code {"status":"ok"}} when
 * the table answers (the routes answer 503 {@code health.unavailable} otherwise); callers with {@code health:details} also see each
 * check with its latency, their tenant's adapters, the region and the function version. Never cached.
 */
public final class HealthReport {
    private static final List<ConnectorPort> PORTS = List.of(ConnectorPort.PAYMENTS, ConnectorPort.INVENTORY, ConnectorPort.FRAUD);

    private HealthReport() { }

    /** The health body; empty when the table does not answer (the route's 503 {@code health.unavailable}). */
    public static Optional<ObjectNode> of(SingleTable table, Connectors connectors, Clock clock, Caller caller) {
        long started = System.nanoTime();
        try {
            table.get("HEALTH", "A");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ObjectNode o = Json.object();
        o.put("status", "ok");
        o.put("time", Times.format(clock.instant()));
        if (caller != null && caller.can(Permission.HEALTH_DETAILS)) {
            ObjectNode checks = o.putObject("checks");
            checks.putObject("dynamodb").put("status", "ok").put("latency_ms", millis).put("table", table.name());
            // the caller's tenant's adapters, from the connector registry (docs/connectors.md)
            ObjectNode adapters = checks.putObject("connectors");
            for (ConnectorPort port : PORTS) {
                String adapter;
                try {
                    adapter = connectors.adapterName(caller.tenantId(), port);
                } catch (DomainException notConfigured) {
                    adapter = "not_configured";
                }
                adapters.put(port.wireName(), adapter);
            }
            o.put("region", Env.get("AWS_REGION", Env.get("aws.region", "unknown")));
            o.put("function_version", Env.get("AWS_LAMBDA_FUNCTION_VERSION", "local"));
        }
        return Optional.of(o);
    }
}
