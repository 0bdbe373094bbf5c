package dev.oms.orders;

import static dev.oms.app.security.Permission.AUDIT_READ;
import static dev.oms.app.security.Permission.TIMELINE_READ;
import static dev.oms.platform.http.Route.get;

import dev.oms.app.port.AuditFilter;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.OrderViews;

/** Seed 000 section 12: the per-order timeline and the tenant's audit log. */
public final class OrderAuditHandler extends ApiHandler {
    private final OrdersApi p;
    private final Routes routes;

    public OrderAuditHandler() { this(OrdersApi.get()); }

    OrderAuditHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/{orderId}/timeline", this::timeline).requires(TIMELINE_READ),
                get("/v1/orders/audit", this::search).requires(AUDIT_READ),
                get("/v1/orders/{orderId}/audit/{auditId}", this::entry).requires(AUDIT_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse timeline(ApiRequest r) {
        String orderId = r.pathParam("orderId");
        String fingerprint = "timeline|" + orderId;
        var page = p.audit.timeline(r.command(), orderId, r.page(p.cursors, fingerprint));
        return Pages.render(page, OrderViews::event, p.cursors, fingerprint);
    }

    private ApiResponse search(ApiRequest r) {
        String actor = r.query("actor");
        String action = r.query("action");
        if (actor != null && actor.length() > 128) throw DomainException.invalidField("actor", "field.too_long", "actor is too long");
        if (action != null && !action.matches("[a-z_]+\\.[a-z_.]+")) {
            throw DomainException.invalidField("action", "field.not_allowed", "action is an event type such as order.confirmed");
        }
        AuditFilter filter = new AuditFilter(actor, action, r.instantQuery("from"), r.instantQuery("to"));
        String fingerprint = "audit|" + filter;
        var page = p.audit.search(r.command(), filter, r.page(p.cursors, fingerprint));
        return Pages.render(page, OrderViews::event, p.cursors, fingerprint);
    }

    private ApiResponse entry(ApiRequest r) {
        return ApiResponse.ok(OrderViews.event(p.audit.entry(r.command(), r.pathParam("orderId"), r.pathParam("auditId"))));
    }
}
