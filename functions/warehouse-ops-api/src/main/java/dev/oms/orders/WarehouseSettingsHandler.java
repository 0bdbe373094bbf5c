package dev.oms.orders;

import static dev.oms.app.security.Permission.SETTINGS_MANAGE;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorAdministration.ConnectorView;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.app.security.Permission;
import dev.oms.app.security.RolePermissions;
import dev.oms.domain.settings.SettingsPatch;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 003 sections 15-17, the fulfilment service's own view of the tenant: its fulfilment settings (the
 * {@code default_warehouse} and {@code allow_partial_shipments} of the order settings, through the same use case, so
 * both surfaces show and change one value), its health (the store, and the fulfilment provider and carrier connectors
 * with their circuit state), and the warehouse roles with their permissions from {@link RolePermissions}.
 */
public final class WarehouseSettingsHandler extends ApiHandler {
    /** The order settings the fulfilment service shows and changes. */
    static final List<String> FIELDS = List.of("default_warehouse", "allow_partial_shipments");
    private static final List<ConnectorPort> FULFILMENT_PORTS = List.of(ConnectorPort.FULFILLMENT_PROVIDER, ConnectorPort.CARRIER);

    private final WarehouseOpsApi p;
    private final Routes routes;

    public WarehouseSettingsHandler() { this(WarehouseOpsApi.get()); }

    WarehouseSettingsHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/settings", this::read).requires(WAREHOUSE_READ),
                patch("/v1/fulfillment/settings", this::change).requires(SETTINGS_MANAGE),
                get("/v1/fulfillment/health", this::health),
                get("/v1/fulfillment/roles", this::roles).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse read(ApiRequest r) {
        Versioned v = p.settings.get(r.command());
        return ApiResponse.ok(view(v)).withVersion(v.version());
    }

    /** {@code {"default_warehouse"?, "allow_partial_shipments"?, "version"?, "reason"?}}: at least one setting. */
    private ApiResponse change(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("default_warehouse", "allow_partial_shipments", "version", "reason");
        SettingsPatch patch = new SettingsPatch();
        if (b.node().has("default_warehouse")) {
            patch.set("default_warehouse", b.node().get("default_warehouse").isNull() ? null : b.string("default_warehouse", false, 64));
        }
        if (b.node().has("allow_partial_shipments")) {
            Boolean allow = b.bool("allow_partial_shipments", true);
            if (allow != null) patch.set("allow_partial_shipments", allow);
        }
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (patch.isEmpty() && b.errors().isEmpty()) b.error("default_warehouse", "field.required", "Send default_warehouse or allow_partial_shipments");
        b.check();
        return r.execute(v -> ApiResponse.ok(view(v)).withVersion(v.version()), ctx -> p.settings.patch(ctx.withReason(reason), patch));
    }

    static ObjectNode view(Versioned v) {
        ObjectNode o = Json.object();
        o.put("default_warehouse", v.settings().defaultWarehouse());
        o.put("allow_partial_shipments", v.settings().allowPartialShipments());
        o.put("version", v.version());
        o.put("updated_at", Times.format(v.updatedAt()));
        o.put("updated_by", v.updatedBy());
        return o;
    }

    /** Public: 200 when the table answers, 503 otherwise; {@code health:details} adds each check. */
    private ApiResponse health(ApiRequest r) {
        long started = System.nanoTime();
        try {
            p.table.get("HEALTH", "A");
        } catch (RuntimeException e) {
            return Problems.build(503, "health.unavailable", "The fulfilment store does not answer", "Retry shortly.", Map.of(), List.of(), r.path());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ObjectNode o = Json.object();
        o.put("status", "ok");
        o.put("time", Times.format(p.clock.instant()));
        if (r.caller() != null && r.caller().can(Permission.HEALTH_DETAILS)) {
            ObjectNode checks = o.putObject("checks");
            checks.putObject("dynamodb").put("status", "ok").put("latency_ms", millis);
            ArrayNode connectors = checks.putArray("connectors");
            for (ConnectorView c : p.connectorAdmin.list(r.command())) {
                if (!FULFILMENT_PORTS.contains(c.config().port())) continue;
                ObjectNode n = connectors.addObject();
                n.put("port", c.config().port().wireName());
                n.put("adapter", c.config().adapter());
                n.put("circuit_state", c.health().circuitState());
                n.put("error_rate", c.health().errorRate());
                n.put("last_error", c.health().lastError());
            }
        }
        return ApiResponse.ok(o).withHeader("cache-control", "no-store");
    }

    /** The roles that may read the warehouse configuration (admins aside), each with every permission it holds. */
    private ApiResponse roles(ApiRequest r) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (String role : RolePermissions.ROLES) {
            Set<Permission> granted = RolePermissions.TABLE.get(role);
            if (role.equals("admin") || !granted.contains(WAREHOUSE_READ)) continue;
            ObjectNode o = data.addObject();
            o.put("role", role);
            ArrayNode perms = o.putArray("permissions");
            granted.stream().map(Permission::wire).forEach(perms::add);
        }
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }
}
