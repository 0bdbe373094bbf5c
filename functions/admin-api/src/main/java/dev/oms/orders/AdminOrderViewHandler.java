package dev.oms.orders;

import static dev.oms.app.security.Permission.AUDIT_READ;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderViews;
import java.util.Set;

/**
 * Seed 001 section 2: the full canonical order for the console ({@code expand=raw_events}: its stored events, oldest
 * first, up to {@link #MAX_RAW_EVENTS}) and its audit trail with who (actor, roles, impersonator), from where (client
 * address), why (reason) and the correlation id of every change. docs/admin-api.md.
 */
public final class AdminOrderViewHandler extends ApiHandler {
    static final int MAX_RAW_EVENTS = 200;
    private static final Set<String> EXPANDS = Set.of("raw_events", "reconciliation");
    private final AdminApi p;
    private final Routes routes;

    public AdminOrderViewHandler() { this(AdminApi.get()); }

    AdminOrderViewHandler(AdminApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/admin/orders/{orderId}", this::order).requires(ORDERS_READ),
                get("/v1/admin/orders/{orderId}/audit", this::audit).requires(AUDIT_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse order(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        Set<String> expand = expand(r.query("expand"));
        CommandContext ctx = r.command();
        Order o = p.orders.get(ctx, r.pathParam("orderId"));
        ObjectNode out = Json.object();
        out.set("order", OrderViews.order(o));
        if (expand.contains("raw_events")) {
            Page<StoredEvent> events = p.audit.timeline(ctx, o.id(), new PageRequest(null, MAX_RAW_EVENTS));
            ArrayNode raw = out.putArray("raw_events");
            events.items().forEach(e -> raw.add(auditEntry(e)));
            out.put("raw_events_truncated", events.hasMore());
        }
        if (expand.contains("reconciliation")) {
            out.set("reconciliation", dev.oms.platform.views.ReconciliationViews.report(dev.oms.app.reconciliation.OrderReconciliation.of(o)));
        }
        return ApiResponse.ok(out).withVersion(o.version());
    }

    private ApiResponse audit(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String orderId = r.pathParam("orderId");
        String fingerprint = "admin-audit|" + orderId;
        var page = p.audit.timeline(r.command(), orderId, r.page(p.cursors, fingerprint));
        return Pages.render(page, AdminOrderViewHandler::auditEntry, p.cursors, fingerprint);
    }

    /** The order event of the timeline and audit log, with the audit-only fields: the actor's roles and client address. */
    static ObjectNode auditEntry(StoredEvent e) {
        ObjectNode x = OrderViews.event(e);
        ArrayNode roles = x.putArray("actor_roles");
        e.actorRoles().forEach(roles::add);
        x.put("client_ip", e.clientIp());
        x.put("impersonated_by", e.metadata().get("impersonated_by"));
        return x;
    }

    private static Set<String> expand(String value) {
        if (value == null) return Set.of();
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            String v = part.trim();
            if (!EXPANDS.contains(v)) throw DomainException.invalidField("expand", "field.not_allowed", "expand takes " + EXPANDS);
            out.add(v);
        }
        return out;
    }
}
