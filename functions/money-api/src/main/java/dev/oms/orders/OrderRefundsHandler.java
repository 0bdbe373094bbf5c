package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.REFUNDS_ISSUE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.RefundService.Result;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.MoneyViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 sections 5 and 7: refunds of an order. A refund is allocated to lines and tax, checked against the
 * refundable balances, and paid to the original payments or as store credit; it answers 201 whatever the payment
 * service said ({@code succeeded}, {@code failed}, or {@code pending} when it did not answer: retry it).
 */
public final class OrderRefundsHandler extends ApiHandler {
    private final MoneyApi p;
    private final Routes routes;

    public OrderRefundsHandler() { this(MoneyApi.get()); }

    OrderRefundsHandler(MoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/refunds", this::refund).requires(REFUNDS_ISSUE),
                get("/v1/orders/{orderId}/refunds", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/refunds/{refundId}", this::read).requires(ORDERS_READ),
                post("/v1/orders/{orderId}/refunds/{refundId}/retry", this::retry).requires(REFUNDS_ISSUE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"amount": {...}, "reason": "...", "lines": [{"line_id", "quantity"?, "amount"?}], "shipping": {...},
     * "destination": "original_method"|"store_credit"}}: amount, lines or shipping (or several; amount must then equal them).
     */
    private ApiResponse refund(ApiRequest r) {
        Order order = p.refunds.get(r.command(), r.pathParam("orderId"));
        String currency = order.state().currency;
        Body b = Body.parse(r.body());
        b.allow("amount", "reason", "lines", "shipping", "destination", "version");
        Money amount = b.money("amount", false, currency);
        String reason = b.string("reason", true, 500);
        Money shipping = b.money("shipping", false, currency);
        String destination = b.oneOf("destination", false, Set.of(Refund.ORIGINAL_METHOD, Refund.STORE_CREDIT));
        List<RefundRequest.Line> lines = new ArrayList<>();
        List<Body> entries = b.objects("lines", false, 1, Order.MAX_LINES);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("line_id", "quantity", "amount");
                String lineId = e.string("line_id", true, 64);
                Long quantity = e.integer("quantity", false, 1, 100_000);
                Money lineAmount = e.money("amount", false, currency);
                if (quantity == null && lineAmount == null && lineId != null) e.error("quantity", "field.required", "Give a quantity or an amount");
                if (lineId != null) lines.add(new RefundRequest.Line(lineId, quantity, lineAmount == null ? null : lineAmount.minor()));
            }
        }
        if (amount == null && shipping == null && entries == null) b.error("amount", "field.required", "Give an amount, lines or shipping");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        RefundRequest req = new RefundRequest(amount == null ? null : amount.minor(), reason, lines,
                shipping == null ? null : shipping.minor(), destination, 0, Refund.MANUAL, null);
        return r.execute(res -> render(201, res), ctx -> p.refunds.refund(ctx.withReason(reason), order.id(), req));
    }

    private ApiResponse retry(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(res -> render(200, res), ctx -> p.refunds.resume(ctx, r.pathParam("orderId"), r.pathParam("refundId")));
    }

    private ApiResponse list(ApiRequest r) {
        Order order = p.refunds.get(r.command(), r.pathParam("orderId"));
        ObjectNode o = MoneyViews.list(order.children(Refund.class), x -> MoneyViews.refund(order, x));
        o.set("summary", MoneyViews.summary(order));
        return ApiResponse.ok(o).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.refunds.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(MoneyViews.refund(order, order.refunds().require(r.pathParam("refundId")))).withVersion(order.version());
    }

    private static ApiResponse render(int status, Result res) {
        ObjectNode o = Json.object();
        o.set("refund", MoneyViews.refund(res.order(), res.refund()));
        o.set("summary", MoneyViews.summary(res.order()));
        String location = "/v1/orders/" + res.order().id() + "/refunds/" + res.refund().id();
        return ApiResponse.json(status, o).withHeader("location", location).withVersion(res.order().version());
    }
}
