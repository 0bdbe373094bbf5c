package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_CANCEL;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.CustomerNotices;
import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.security.Permission;
import dev.oms.app.simple.SimpleOrderStatus;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.DecimalAmounts;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.RemainingUnits;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.observability.Observability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 002, the simple order API (docs/simple-order-api.md): read an order in the seed's shape (decimal amounts), move
 * it along {@code pending → confirmed → shipped → delivered} through the canonical use cases, cancel it through the
 * cancel saga, list a user's orders, and create one from a cart ({@code POST /api/orders}: prices from the cart port).
 */
public final class SimpleOrdersHandler extends ApiHandler {
    static final Set<String> STEPS = Set.of("confirmed", "shipped", "delivered");
    /** The payment methods of the seed's checkout; the order records it (metadata {@code payment_method}) until a payment is linked. */
    static final Set<String> PAYMENT_METHODS = Set.of("credit_card", "debit_card", "paypal", "bank_transfer", "cash_on_delivery", "store_credit");
    static final Set<String> STATUSES = Set.of("pending", "confirmed", "shipped", "delivered", "cancelled");

    private final SimpleOrdersApi p;
    private final Routes routes;

    public SimpleOrdersHandler() { this(SimpleOrdersApi.get()); }

    SimpleOrdersHandler(SimpleOrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/api/orders", this::list).requires(ORDERS_READ),
                post("/api/orders", this::create).requires(ORDERS_READ),
                get("/api/orders/{orderId}", this::read).requires(ORDERS_READ),
                new dev.oms.platform.http.Route("PUT", "/api/orders/{orderId}/status", this::status, null).requires(ORDERS_WRITE),
                delete("/api/orders/{orderId}", this::cancel).requires(ORDERS_CANCEL));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"cart_id", "user_id", "shipping_address": {name, address, city, state, zip, country}, "payment_method"}}:
     * the order built from the cart by the canonical creation (prices from the cart, never from here); 201 with the
     * seed's {@code {order_id, status: "pending", message}}. A customer orders for itself; staff need orders:create.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("cart_id", "user_id", "shipping_address", "payment_method");
        String cartId = b.string("cart_id", true, 128);
        String userId = b.string("user_id", true, 128);
        String paymentMethod = b.oneOf("payment_method", true, PAYMENT_METHODS);
        Body address = b.object("shipping_address", true);
        b.check();
        var request = new dev.oms.app.cart.CartCheckout.Request(cartId, userId, SeedAddress.read("shipping_address", address), paymentMethod);
        return r.execute((Order o) -> {
            ObjectNode out = Json.object();
            out.put("order_id", o.id());
            out.put("status", SimpleOrderStatus.of(o).wire());
            out.put("message", "Order received and pending payment.");
            return ApiResponse.created(out, "/api/orders/" + o.id()).withVersion(o.version());
        }, ctx -> p.checkout.checkout(ctx, request));
    }

    private ApiResponse read(ApiRequest r) {
        Order o = p.orders.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(view(o)).withVersion(o.version());
    }

    /** {@code ?user_id=&status=}: a customer lists its own orders (another user_id is refused); staff any user's. */
    private ApiResponse list(ApiRequest r) {
        String user = r.query("user_id");
        String status = r.query("status");
        if (status != null && !STATUSES.contains(status)) throw DomainException.invalidField("status", "field.not_allowed", "status is one of " + STATUSES);
        if (user != null && r.caller().isCustomer() && !user.equals(r.caller().customerId())) {
            throw ApiProblem.forbidden("A customer lists its own orders only");
        }
        String fingerprint = "simple-orders|" + user + "|" + status;
        var page = r.page(p.cursors, fingerprint);
        // cancelled is a key of the table's status index; the other simple statuses span canonical ones: filtered here
        OrderFilter filter = new OrderFilter("cancelled".equals(status) ? "cancelled" : null, user, null, null, null, null, true);
        Page<Order> found = p.orders.list(r.command(), filter, page);
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        for (Order order : found.items()) {
            if (status == null || SimpleOrderStatus.of(order).wire().equals(status)) data.add(view(order));
        }
        o.put("next_cursor", p.cursors.encode(found.nextPosition(), fingerprint));
        o.put("has_more", found.nextPosition() != null);
        return ApiResponse.ok(o);
    }

    /** {@code {"status": "confirmed" | "shipped" | "delivered"}}: the next step only (409 order.already_processed otherwise). */
    private ApiResponse status(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("status");
        String to = b.oneOf("status", true, STATUSES);
        b.check();
        CommandContext c = r.command().withoutJournal(); // several commits: the Idempotency-Key record follows the response
        String id = r.pathParam("orderId");
        Order current = p.orders.get(c, id);
        SimpleOrderStatus target = SimpleOrderStatus.fromWire(to);
        SimpleOrderStatus.checkNext(current, target);
        Order after = switch (target) {
            case CONFIRMED -> p.orders.confirm(c, id);
            case SHIPPED -> ship(c, current);
            case DELIVERED -> deliver(c, current);
            default -> throw new IllegalStateException("checked above");
        };
        notifyCustomer(after);
        return ApiResponse.ok(view(after)).withVersion(after.version());
    }

    /** Every unit left, in one fulfilment from the tenant's default warehouse, shipped with a carrier booked for it. */
    private Order ship(CommandContext c, Order current) {
        require(c, Permission.FULFILLMENTS_WRITE);
        List<FulfillmentLine> lines = RemainingUnits.physical(current);
        List<String> open = new ArrayList<>();
        current.children(Fulfillment.class).stream().filter(f -> FulfillmentStatus.OPEN.contains(f.status())).forEach(f -> open.add(f.id()));
        if (!lines.isEmpty()) open.add(p.fulfillments.create(c, current.id(), new FulfillmentRequest(null, lines, null, null, null, null)).fulfillment().id());
        return p.fulfillments.ship(c.onLatestVersion(), current.id(), new ShipmentRequest(open, null, null, List.of(), null, null, null), List.of()).order();
    }

    private Order deliver(CommandContext c, Order current) {
        require(c, Permission.FULFILLMENTS_WRITE);
        Order after = current;
        for (Fulfillment f : current.children(Fulfillment.class)) {
            if (f.status() == FulfillmentStatus.SHIPPED || f.status() == FulfillmentStatus.IN_TRANSIT) {
                after = p.fulfillments.confirmReceipt(c.onLatestVersion(), current.id(), f.id(), c.caller().subject(), null).order();
            }
        }
        return after;
    }

    /** The cancel saga: release, refund captured money, restock, notify; answers the seed's message (202: the saga finishes it). */
    private ApiResponse cancel(ApiRequest r) {
        String id = r.pathParam("orderId");
        var requested = p.cancellations.cancel(r.command().withoutJournal().withReason("cancelled through DELETE /api/orders"), id, true, true);
        ObjectNode o = Json.object();
        o.put("message", "Order " + id + " cancelled successfully.");
        o.put("order_id", id);
        o.put("status", SimpleOrderStatus.of(requested.order()).wire());
        o.put("cancellation_id", requested.cancellation().id());
        String follow = "/v1/orders/" + id + "/cancellations/" + requested.cancellation().id();
        return ApiResponse.accepted(o).withHeader("location", follow).withVersion(requested.order().version());
    }

    /** The seed's order schema: decimal {@code total} and item {@code price}s in the order currency. */
    static ObjectNode view(Order order) {
        var s = order.state();
        ObjectNode o = Json.object();
        o.put("order_id", s.id);
        o.put("user_id", s.customerId);
        o.put("status", SimpleOrderStatus.of(order).wire());
        o.put("currency", s.currency);
        o.set("total", DecimalNode.valueOf(DecimalAmounts.toDecimal(order.totals().total(), s.currency)));
        o.put("payment_status", s.paymentStatus);
        o.put("shipping_status", SimpleOrderStatus.shippingStatus(order));
        ArrayNode items = o.putArray("items");
        for (OrderLine l : s.lines) {
            items.addObject().put("product_id", l.sku()).put("name", l.description()).put("quantity", l.quantity() - l.cancelledQuantity())
                    .set("price", DecimalNode.valueOf(DecimalAmounts.toDecimal(l.unitPrice().minor(), s.currency)));
        }
        Address a = s.shippingAddress;
        if (a == null) {
            o.putNull("shipping_address");
        } else {
            o.putObject("shipping_address").put("name", a.name()).put("address", a.line2() == null ? a.line1() : a.line1() + ", " + a.line2())
                    .put("city", a.city()).put("state", a.region()).put("zip", a.postalCode()).put("country", a.country());
        }
        o.put("version", s.version);
        o.put("created_at", Times.format(s.createdAt));
        return o;
    }

    private void notifyCustomer(Order o) {
        String status = SimpleOrderStatus.of(o).wire();
        Notification notice = CustomerNotices.of(o, "order.status_changed", "Your order is " + status,
                "Your order " + o.state().number + " is now " + status + ".");
        if (notice == null) return;
        try {
            p.notifications.send(o.tenantId(), notice);
        } catch (RuntimeException e) {
            Observability.error("notifying the customer of order " + o.id() + " failed", e);
        }
    }

    static void require(CommandContext c, Permission permission) {
        if (!c.caller().can(permission)) throw ApiProblem.forbidden("This change needs the permission " + permission.wire());
    }
}
