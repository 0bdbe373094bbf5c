package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.settings.OrderSettings;
import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.CapabilityViews;
import dev.oms.platform.views.RateLimitViews;
import dev.oms.platform.wiring.HealthReport;
import java.util.List;
import java.util.Map;

/**
 * Seed 001 section 3 for the admin surface (staff and services): the tenant's capabilities (as
 * {@code GET /v1/orders/capabilities}), the service's health with its checks for callers with {@code health:details}
 * (as {@code GET /v1/orders/health}, but behind a token like every admin route), and the caller's request quotas (as
 * {@code GET /v1/customer/rate-limits}), and the settings windows an agent's UI needs. docs/admin-api.md.
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
                get("/v1/admin/rate-limits", this::rateLimits).requires(ORDERS_READ),
                get("/v1/admin/settings", this::settings).requires(ORDERS_READ));
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

    /**
     * The windows an agent's UI needs, from the tenant's settings and the order rules themselves: when details, lines
     * and the shipping address may change, when and how an order may be cancelled, the return window, and how long a
     * sudo token lives. Read-only; the settings change through {@code PATCH /v1/orders/settings}.
     */
    private ApiResponse settings(ApiRequest r) {
        Versioned v = p.settings.get(r.command());
        OrderSettings s = v.settings();
        ObjectNode o = Json.object();
        o.put("version", v.version());
        o.put("updated_at", Times.format(v.updatedAt()));
        ObjectNode edit = o.putObject("editable_window");
        statuses(edit.putArray("details_statuses"), Order.detailsEditableStatuses());
        statuses(edit.putArray("lines_statuses"), Order.linesEditableStatuses());
        edit.put("after_that", "quote");
        edit.put("quote_ttl_minutes", s.quoteTtlMinutes());
        ObjectNode cancel = o.putObject("cancellation_window");
        cancel.put("policy", s.cancellationPolicy());
        statuses(cancel.putArray("cancellable_statuses"), Order.cancellableStatuses());
        cancel.put("customer_direct_until", OrderSettings.BEFORE_CONFIRMATION.equals(s.cancellationPolicy()) ? "confirmed" : "shipped");
        cancel.put("customer_after_that", "request");
        cancel.put("force_cancel", "sudo_and_reason");
        ObjectNode ship = o.putObject("shipping_change_window");
        statuses(ship.putArray("address_statuses"), Order.detailsEditableStatuses());
        ship.put("until", "with_warehouse");
        ship.put("allow_partial_shipments", s.allowPartialShipments());
        ship.put("default_warehouse", s.defaultWarehouse());
        o.put("return_window_days", s.returnWindowDays());
        o.put("allow_hard_delete", s.allowHardDelete());
        if (s.orderRetentionDays() == null) o.putNull("order_retention_days"); else o.put("order_retention_days", s.orderRetentionDays());
        o.put("sudo_ttl_seconds", SudoTokens.TTL_SECONDS);
        return ApiResponse.ok(o).withVersion(v.version());
    }

    private static void statuses(ArrayNode into, java.util.Set<OrderStatus> statuses) {
        statuses.stream().map(OrderStatus::wire).sorted().forEach(into::add);
    }

    private ApiResponse rateLimits(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return ApiResponse.ok(RateLimitViews.usage(p.rateLimits, r.caller()));
    }
}
