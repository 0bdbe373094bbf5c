package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_LOCK;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.OrderViews;

/** Seed 000 section 14: short-lived edit locks. While a lock is held, other principals' edits get 409 order.locked. */
public final class OrderLocksHandler extends ApiHandler {
    public static final int DEFAULT_TTL_SECONDS = 300;

    private final OrdersApi p;
    private final Routes routes;

    public OrderLocksHandler() { this(OrdersApi.get()); }

    OrderLocksHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/locks", this::acquire).requires(ORDERS_LOCK),
                delete("/v1/orders/locks/{lockId}", this::release).requires(ORDERS_LOCK));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse acquire(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("ttl_seconds", "purpose");
        Long ttl = b.integer("ttl_seconds", false, 1, dev.oms.app.OrderService.MAX_LOCK_SECONDS);
        String purpose = b.string("purpose", false, 64);
        b.check();
        return r.execute(res -> {
            ObjectNode o = OrderViews.lock(res.lock(), true);
            o.put("order_id", res.order().id());
            return ApiResponse.created(o, "/v1/orders/locks/" + res.lock().id());
        }, ctx -> p.orders.lock(ctx, r.pathParam("orderId"), ttl == null ? DEFAULT_TTL_SECONDS : ttl.intValue(),
                purpose == null ? "edit" : purpose));
    }

    private ApiResponse release(ApiRequest r) {
        return r.execute(o -> ApiResponse.noContent(), ctx -> p.orders.unlock(ctx, r.pathParam("lockId")));
    }
}
