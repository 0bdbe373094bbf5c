package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cart.CouponPreviewService.Preview;
import dev.oms.domain.promotion.CouponPreview;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * Seed 001 section 1, {@code apply-coupon}: what a coupon would take off my order, exact to the minor unit, without
 * using it (docs/customer-api.md#coupons).
 */
public final class CustomerCouponHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerCouponHandler() { this(CustomerCareApi.get()); }

    CustomerCouponHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(CustomerMessagesHandler.customer(post("/v1/customer/orders/{orderId}/apply-coupon", this::preview)));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"code": "SPRING10"}}: 200 with the preview, applicable or not (with the reason). */
    private ApiResponse preview(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("code");
        String code = b.string("code", true, 64);
        if (code != null && code.isBlank()) b.error("code", "field.required", "code is required");
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute((Preview x) -> ApiResponse.ok(view(x)), ctx -> p.coupons.preview(ctx, orderId, code));
    }

    static ObjectNode view(Preview x) {
        String currency = x.order().state().currency;
        ObjectNode o = Json.object();
        o.put("order_id", x.order().id());
        o.put("code", x.code());
        CouponPreview.Result res = x.result();
        o.put("applicable", res != null && res.applicable());
        if (res == null) {
            o.putObject("reason").put("code", "coupon.unknown").put("message", "This code does not exist");
        } else if (!res.applicable()) {
            o.putObject("reason").put("code", res.reasonCode()).put("message", res.reasonMessage());
        } else {
            o.putNull("reason");
        }
        o.put("type", x.promotion() == null ? null : x.promotion().type().wire());
        o.put("currency", currency);
        o.put("eligible_subtotal", res == null ? 0 : res.eligibleSubtotal());
        o.putObject("discount").put("amount", res == null ? 0 : res.discount()).put("currency", currency);
        o.putObject("shipping_discount").put("amount", res == null ? 0 : res.shippingDiscount()).put("currency", currency);
        if (res != null && res.shortfall() > 0) o.putObject("shortfall").put("amount", res.shortfall()).put("currency", currency);
        var lines = o.putArray("lines");
        if (res != null) res.lines().forEach(l -> lines.addObject().put("line_id", l.lineId()).put("discount", l.discount()));
        o.put("rounding", CouponPreview.ROUNDING);
        o.put("consumed", false);
        return o;
    }
}
