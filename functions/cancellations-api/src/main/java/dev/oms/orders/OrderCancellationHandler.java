package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_CANCEL;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CancellationService.Requested;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import dev.oms.platform.dynamo.CancellationShapes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderViews;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000 sections 3 and 6: cancel an order, or some of its lines. The request is accepted (202) and the
 * cancel-order saga does the work: follow it at {@code GET /v1/orders/{orderId}/cancellations/{cancellationId}}.
 */
public final class OrderCancellationHandler extends ApiHandler {
    private final CancellationsApi p;
    private final Routes routes;

    public OrderCancellationHandler() { this(CancellationsApi.get()); }

    OrderCancellationHandler(CancellationsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/cancel", this::cancel).requires(ORDERS_CANCEL),
                post("/v1/orders/{orderId}/partial-cancel", this::partialCancel).requires(ORDERS_CANCEL),
                get("/v1/orders/{orderId}/cancellations/{cancellationId}", this::read).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"reason": "...", "refund": true, "restock": true}}; refund defaults to true, restock to false. */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "refund", "restock", "version");
        String reason = b.string("reason", true, 500);
        Boolean refund = b.bool("refund", false);
        Boolean restock = b.bool("restock", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(OrderCancellationHandler::accepted, ctx -> p.cancellations.cancel(ctx.withReason(reason), r.pathParam("orderId"),
                refund == null || refund, restock != null && restock));
    }

    /** {@code {"lines": [{"line_id": "...", "quantity": 1}], "reason": "...", "refund": true, "restock": false}}. */
    private ApiResponse partialCancel(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "reason", "refund", "restock", "version");
        String reason = b.string("reason", true, 500);
        Boolean refund = b.bool("refund", false);
        Boolean restock = b.bool("restock", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<Cancellation.LineQuantity> lines = new ArrayList<>();
        List<Body> entries = b.objects("lines", true, 1, Order.MAX_LINES);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("line_id", "quantity");
                String lineId = e.string("line_id", true, 64);
                Long quantity = e.integer("quantity", true, 1, 100_000);
                if (lineId != null && quantity != null) lines.add(new Cancellation.LineQuantity(lineId, quantity));
            }
        }
        b.check();
        return r.execute(OrderCancellationHandler::accepted, ctx -> p.cancellations.cancelLines(ctx.withReason(reason), r.pathParam("orderId"),
                lines, refund == null || refund, restock != null && restock));
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.orders.get(r.command(), r.pathParam("orderId"));
        Cancellation c = order.cancellation(r.pathParam("cancellationId"));
        ObjectNode o = CancellationShapes.toJson(c);
        o.put("order_id", order.id());
        o.put("order_status", order.status().wire());
        return ApiResponse.ok(o).withVersion(order.version());
    }

    private static ApiResponse accepted(Requested res) {
        ObjectNode o = Json.object();
        o.set("cancellation", CancellationShapes.toJson(res.cancellation()));
        o.set("order", OrderViews.order(res.order()));
        String follow = "/v1/orders/" + res.order().id() + "/cancellations/" + res.cancellation().id();
        o.putObject("links").put("cancellation", follow).put("order", "/v1/orders/" + res.order().id());
        return ApiResponse.accepted(o).withHeader("location", follow).withVersion(res.order().version());
    }
}
