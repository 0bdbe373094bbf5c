package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_CLOSE;
import static dev.oms.app.security.Permission.ORDERS_CONFIRM;
import static dev.oms.app.security.Permission.ORDERS_HOLD;
import static dev.oms.app.security.Permission.ORDERS_RELEASE;
import static dev.oms.app.security.Permission.ORDERS_REOPEN;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.domain.order.Hold;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.OrderViews;

/** Seed 000 section 3: confirm, hold, release, close and reopen. Cancellation is its own saga (next issue). */
public final class OrderLifecycleHandler extends ApiHandler {
    private final OrdersApi p;
    private final Routes routes;

    public OrderLifecycleHandler() { this(OrdersApi.get()); }

    OrderLifecycleHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/confirm", this::confirm).requires(ORDERS_CONFIRM),
                post("/v1/orders/{orderId}/hold", this::hold).requires(ORDERS_HOLD),
                post("/v1/orders/{orderId}/release", this::release).requires(ORDERS_RELEASE),
                post("/v1/orders/{orderId}/close", this::close).requires(ORDERS_CLOSE),
                post("/v1/orders/{orderId}/reopen", this::reopen).requires(ORDERS_REOPEN),
                post("/v1/orders/{orderId}/resend-confirmation", this::resendConfirmation).requires(dev.oms.app.security.Permission.ORDERS_NOTIFY));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse confirm(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.confirm(ctx, r.pathParam("orderId")));
    }

    private ApiResponse hold(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "type", "assigned_to", "note", "version");
        String reason = b.string("reason", true, 500);
        String type = b.oneOf("type", false, Hold.TYPES);
        String assignedTo = b.string("assigned_to", false, 128);
        String note = b.string("note", false, 2000);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> holdResponse(201, res), ctx -> p.orders.hold(ctx.withReason(reason), r.pathParam("orderId"),
                type == null ? "manual_review" : type, reason, assignedTo, note));
    }

    private ApiResponse release(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("hold_id", "resolution", "version");
        String holdId = b.string("hold_id", false, 64);
        String resolution = b.string("resolution", false, 2000);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> holdResponse(200, res), ctx -> p.orders.release(ctx.withReason(resolution), r.pathParam("orderId"), holdId, resolution));
    }

    private ApiResponse close(ApiRequest r) {
        String reason = reasonOnly(r, false);
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.close(ctx.withReason(reason), r.pathParam("orderId")));
    }

    private ApiResponse reopen(ApiRequest r) {
        String reason = reasonOnly(r, true);
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.reopen(ctx.withReason(reason), r.pathParam("orderId")));
    }

    /** {@code {"channel": "email"|"sms"}}: the notifications subscriber sends it once the request is committed (202). */
    private ApiResponse resendConfirmation(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("channel");
        String channel = b.oneOf("channel", false, java.util.Set.of("email", "sms"));
        b.check();
        return r.execute(o -> ApiResponse.accepted(OrderViews.order(o)).withVersion(o.version()),
                ctx -> p.orders.resendConfirmation(ctx, r.pathParam("orderId"), channel == null ? "email" : channel));
    }

    private static String reasonOnly(ApiRequest r, boolean required) {
        Body b = required ? Body.parse(r.body()) : Body.parseOptional(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", required, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return reason;
    }

    private static ApiResponse holdResponse(int status, HoldResult res) {
        ObjectNode o = dev.oms.platform.json.Json.object();
        o.set("hold", OrderViews.hold(res.hold()));
        o.set("order", OrderViews.order(res.order()));
        return ApiResponse.json(status, o).withVersion(res.order().version());
    }
}
