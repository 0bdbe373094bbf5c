package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.PAYMENTS_MANAGE;
import static dev.oms.app.security.Permission.PAYMENTS_UNLINK;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.PaymentService.Linked;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.MoneyViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000 section 7: the payments linked to an order. Link a payment the payment service holds (applied to the whole
 * order or to lines), unlink one (admins), capture through the payment service; read each with its allocation.
 */
public final class OrderPaymentsHandler extends ApiHandler {
    private final OrdersApi p;
    private final Routes routes;

    public OrderPaymentsHandler() { this(OrdersApi.get()); }

    OrderPaymentsHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/{orderId}/payments", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/payments/{paymentId}", this::read).requires(ORDERS_READ),
                post("/v1/orders/{orderId}/payments/link", this::link).requires(PAYMENTS_MANAGE),
                post("/v1/orders/{orderId}/payments/unlink", this::unlink).requires(PAYMENTS_UNLINK),
                post("/v1/orders/{orderId}/payments/capture", this::capture).requires(PAYMENTS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Order order = p.paymentLinks.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(MoneyViews.payments(order)).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.paymentLinks.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(MoneyViews.payment(order, order.money().require(r.pathParam("paymentId")))).withVersion(order.version());
    }

    /** {@code {"payment_id": "pg_...", "amount": {"amount": 5787, "currency": "GBP"}, "apply_to_lines": [{"line_id", "amount"}]}}. */
    private ApiResponse link(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("payment_id", "amount", "apply_to_lines", "version");
        String paymentId = b.string("payment_id", true, 128);
        Money amount = b.money("amount", true, null);
        if (amount != null && amount.minor() == 0) b.error("amount.amount", "field.out_of_range", "amount must be positive");
        Map<String, Long> applied = new LinkedHashMap<>();
        List<Body> entries = b.objects("apply_to_lines", false, 1, Order.MAX_LINES + 1);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("line_id", "amount");
                String lineId = e.string("line_id", true, 64);
                Money m = e.money("amount", true, amount == null ? null : amount.currency());
                if (lineId != null && applied.containsKey(lineId)) e.error("line_id", "line_id.duplicate", "A line may appear once");
                else if (lineId != null && m != null) applied.put(lineId, m.minor());
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> render(201, res), ctx -> p.paymentLinks.link(ctx, r.pathParam("orderId"), paymentId, amount, applied));
    }

    /** {@code {"payment_id": "pg_...", "reason": "..."}}: admins only; refused while captured money is applied. */
    private ApiResponse unlink(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("payment_id", "reason", "version");
        String paymentId = b.string("payment_id", true, 128);
        String reason = b.string("reason", true, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> render(200, res), ctx -> p.paymentLinks.unlink(ctx.withReason(reason), r.pathParam("orderId"), paymentId));
    }

    /** {@code {"payment_id": "pg_...", "amount": {"amount": 1000, "currency": "GBP"}}}; without amount, all that is left. */
    private ApiResponse capture(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("payment_id", "amount", "version");
        String paymentId = b.string("payment_id", true, 128);
        Money amount = b.money("amount", false, null);
        if (amount != null && amount.minor() == 0) b.error("amount.amount", "field.out_of_range", "amount must be positive");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> render(200, res), ctx -> {
            Order order = p.paymentLinks.get(ctx, r.pathParam("orderId"));
            if (amount != null && !amount.currency().equals(order.state().currency)) {
                throw dev.oms.domain.DomainException.invalidField("amount.currency", "currency.mismatch",
                        "The order is in " + order.state().currency + ", not " + amount.currency());
            }
            return p.paymentLinks.capture(ctx, order.id(), paymentId, amount == null ? null : amount.minor());
        });
    }

    private static ApiResponse render(int status, Linked res) {
        ObjectNode o = dev.oms.platform.json.Json.object();
        boolean linked = res.order().state().payments.stream().anyMatch(x -> x.paymentId().equals(res.payment().paymentId()));
        o.set("payment", linked ? MoneyViews.payment(res.order(), res.order().money().require(res.payment().paymentId()))
                : MoneyViews.payment(res.order(), res.payment()));
        o.set("summary", MoneyViews.summary(res.order()));
        o.put("order_version", res.order().version());
        ApiResponse out = ApiResponse.json(status, o).withVersion(res.order().version());
        return status == 201 ? out.withHeader("location", "/v1/orders/" + res.order().id() + "/payments/" + res.payment().paymentId()) : out;
    }
}
