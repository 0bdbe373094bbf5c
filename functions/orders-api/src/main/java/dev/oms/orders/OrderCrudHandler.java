package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_CREATE;
import static dev.oms.app.security.Permission.ORDERS_DELETE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderFilter;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.OrderRequests;
import dev.oms.platform.views.OrderViews;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Seed 000 section 1: create, read, list, patch, delete and duplicate orders. */
public final class OrderCrudHandler extends ApiHandler {
    private static final Set<String> SORTS = Set.of("created_at", "-created_at");
    private static final Set<String> LIST_FIELDS = Set.of("id", "number", "external_reference", "status", "customer_id", "channel",
            "source", "currency", "sub_total", "discount_total", "tax_total", "shipping_total", "total", "balance_due", "lines",
            "shipping_address", "billing_address", "shipping", "discount", "payments", "holds", "lock", "duplicated_from",
            "version", "metadata", "created_at", "updated_at", "confirmed_at", "closed_at", "fulfillment_status", "shipping_status",
            "payment_status", "return_status", "cancellations", "cancelled_at", "first_shipped_at", "last_delivered_at");

    private final OrdersApi p;
    private final Routes routes;

    public OrderCrudHandler() { this(OrdersApi.get()); }

    OrderCrudHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders", this::create).requires(ORDERS_CREATE),
                get("/v1/orders", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}", this::read).requires(ORDERS_READ),
                patch("/v1/orders/{orderId}", this::update).requires(ORDERS_WRITE),
                delete("/v1/orders/{orderId}", this::remove).requires(ORDERS_DELETE),
                post("/v1/orders/{orderId}/duplicate", this::duplicate).requires(ORDERS_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse create(ApiRequest r) {
        var draft = OrderRequests.draft(Body.parse(r.body()));
        return r.execute(OrderCrudHandler::created, ctx -> p.orders.create(ctx, draft));
    }

    private static ApiResponse created(Order o) {
        return ApiResponse.created(OrderViews.order(o), "/v1/orders/" + o.id()).withVersion(o.version());
    }

    private ApiResponse read(ApiRequest r) {
        Set<String> expand = csv(r.query("expand"), OrderViews.EXPANDABLE, "expand");
        Order order = p.orders.get(r.command(), r.pathParam("orderId"));
        ObjectNode view = OrderViews.order(order);
        if (expand.contains("invoices")) {
            view.set("invoices", dev.oms.platform.views.MoneyViews.list(order.children(dev.oms.domain.order.Invoice.class),
                    i -> dev.oms.platform.views.DocumentViews.invoice(order, i)).get("data"));
        }
        if (expand.contains("fulfillments")) {
            var a = view.putArray("fulfillments");
            order.children(dev.oms.domain.order.Fulfillment.class).forEach(f -> a.add(dev.oms.platform.views.FulfillmentViews.fulfillment(order, f)));
        }
        if (expand.contains("shipments")) {
            var a = view.putArray("shipments");
            order.children(dev.oms.domain.order.Shipment.class).forEach(x -> a.add(dev.oms.platform.views.FulfillmentViews.shipment(order, x)));
        }
        if (expand.contains("returns")) view.set("returns", dev.oms.platform.views.ReturnViews.list(order));
        for (String e : expand) {
            // fulfillments, shipments, invoices and returns are separate aggregates that are added with their sections;
            // until an order has any, its expanded list is empty
            if (!view.has(e)) view.putArray(e);
        }
        return ApiResponse.ok(view).withVersion(order.version());
    }

    private ApiResponse list(ApiRequest r) {
        String status = r.query("status");
        if (status != null && !OrderStatus.isWire(status)) {
            throw DomainException.invalidField("status", "field.not_allowed", "Unknown status " + status);
        }
        String sort = r.query("sort") == null ? "-created_at" : r.query("sort");
        if (!SORTS.contains(sort)) throw DomainException.invalidField("sort", "field.not_allowed", "sort must be created_at or -created_at");
        Set<String> fields = csv(r.query("fields"), LIST_FIELDS, "fields");
        boolean withLines = csv(r.query("expand"), Set.of("lines"), "expand").contains("lines") || fields.contains("lines");
        OrderFilter filter = new OrderFilter(status, limited(r, "customer_id"), limited(r, "channel"), r.instantQuery("from"),
                r.instantQuery("to"), r.longQuery("min_total", 0), sort.startsWith("-"));
        String fingerprint = "orders|" + filter + "|" + r.caller().subject();
        var page = p.orders.list(r.command(), filter, r.page(p.cursors, fingerprint));
        return Pages.render(page, o -> OrderViews.select(OrderViews.order(o, withLines), fields), p.cursors, fingerprint);
    }

    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("metadata", "shipping_address", "billing_address", "version", "reason");
        var metadata = b.metadata("metadata", true);
        var shipping = b.address("shipping_address", false);
        var billing = b.address("billing_address", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        String reason = b.string("reason", false, 500);
        if (metadata == null && shipping == null && billing == null && b.errors().isEmpty()) {
            b.error("metadata", "request.empty_patch", "Send at least one of metadata, shipping_address, billing_address");
        }
        b.check();
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.update(ctx.withReason(reason), r.pathParam("orderId"), metadata, shipping, billing));
    }

    private ApiResponse remove(ApiRequest r) {
        boolean hard = r.boolQuery("hard");
        String reason = r.query("reason");
        return r.execute(o -> ApiResponse.noContent(), ctx -> p.orders.delete(ctx.withReason(reason), r.pathParam("orderId"), hard));
    }

    private ApiResponse duplicate(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(OrderCrudHandler::created, ctx -> p.orders.duplicate(ctx, r.pathParam("orderId")));
    }

    static ApiResponse ok(Order o) { return ApiResponse.ok(OrderViews.order(o)).withVersion(o.version()); }

    private static String limited(ApiRequest r, String name) {
        String v = r.query(name);
        if (v != null && v.length() > 128) throw DomainException.invalidField(name, "field.too_long", name + " is too long");
        return v;
    }

    static Set<String> csv(String value, Set<String> allowed, String name) {
        if (value == null) return Set.of();
        Set<String> out = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        for (String v : out) {
            if (!allowed.contains(v)) {
                throw DomainException.invalidField(name, "field.not_allowed", "Unknown " + name + " value " + v + "; allowed: " + allowed.stream().sorted().toList());
            }
        }
        return out;
    }
}
