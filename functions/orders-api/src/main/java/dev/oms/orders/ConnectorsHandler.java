package dev.oms.orders;

import static dev.oms.app.security.Permission.CONNECTORS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorAdministration.ConnectorView;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.ConnectorViews;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's connector registry (admins): which adapter serves each port (payments, carrier, ...), its settings and
 * secret references, its health, and its call log. Secrets are references to Secrets Manager or SSM, never values.
 */
public final class ConnectorsHandler extends ApiHandler {
    private final OrdersApi p;
    private final Routes routes;

    public ConnectorsHandler() { this(OrdersApi.get()); }

    ConnectorsHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/connectors", this::list).requires(CONNECTORS_MANAGE),
                get("/v1/orders/connectors/{port}", this::read).requires(CONNECTORS_MANAGE),
                post("/v1/orders/connectors/{port}", this::configure).requires(CONNECTORS_MANAGE),
                get("/v1/orders/connectors/{port}/calls", this::calls).requires(CONNECTORS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        p.connectorAdmin.list(r.command()).forEach(v -> data.add(ConnectorViews.connector(v)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }

    private ApiResponse read(ApiRequest r) {
        ConnectorView v = p.connectorAdmin.get(r.command(), port(r));
        // a port never configured (version 0) has no ETag: If-Match starts at 1
        return v.config().version() == 0 ? ApiResponse.ok(ConnectorViews.connector(v)) : ApiResponse.ok(ConnectorViews.connector(v)).withVersion(v.config().version());
    }

    private ApiResponse configure(ApiRequest r) {
        ConnectorPort port = port(r);
        Body b = Body.parse(r.body());
        b.allow("adapter", "settings", "secrets", "version");
        String adapter = b.string("adapter", true, 40);
        Map<String, String> settings = java.util.Objects.requireNonNullElse(b.stringMap("settings"), Map.of());
        Map<String, String> secrets = java.util.Objects.requireNonNullElse(b.stringMap("secrets"), Map.of());
        Long version = b.integer("version", false, 0, Long.MAX_VALUE);
        b.check();
        if (version != null) r.expectVersion(version);
        return r.execute(v -> ApiResponse.ok(ConnectorViews.connector(v)).withVersion(v.config().version()), ctx -> {
            ConnectorView v = p.connectorAdmin.configure(ctx, port, adapter, settings, secrets);
            p.connectors.forget(ctx.tenantId(), port);
            return v;
        });
    }

    private ApiResponse calls(ApiRequest r) {
        ConnectorPort port = port(r);
        String fingerprint = "connector-calls|" + port.wireName();
        return Pages.render(p.connectorAdmin.calls(r.command(), port, r.page(p.cursors, fingerprint)), ConnectorViews::call, p.cursors, fingerprint);
    }

    private static ConnectorPort port(ApiRequest r) {
        String name = r.pathParam("port");
        return ConnectorPort.parse(name).orElseThrow(() -> DomainException.notFound("connector.port_unknown",
                "There is no connector port " + name));
    }
}

