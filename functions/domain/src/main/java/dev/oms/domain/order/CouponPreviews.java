package dev.oms.domain.order;

import dev.oms.domain.promotion.CouponPreview;
import java.time.Instant;

/**
 * A customer previewed a coupon on the order (the customer API's {@code apply-coupon}): nothing about the order's
 * money changes; the order records the attempt (event {@code customer.coupon_previewed}) so support sees which codes
 * were tried and a run of guesses shows in the timeline and the audit.
 */
public final class CouponPreviews {
    public static final String PREVIEWED = "customer.coupon_previewed";

    private CouponPreviews() { }

    /** The goods a coupon applies to: every line with units left, at its total after discounts. */
    public static java.util.List<CouponPreview.Goods> goods(Order order) {
        return order.lines().stream().filter(l -> l.quantity() > 0).map(l -> new CouponPreview.Goods(l.id(), Math.max(0, l.lineTotal()))).toList();
    }

    public static void record(Order order, String code, CouponPreview.Result result, String unknownReason, Instant now) {
        order.touch(now);
        String reason = result == null ? unknownReason : result.reasonCode();
        order.record(PREVIEWED, Order.data("code", code, "applicable", result != null && result.applicable(), "reason_code", reason,
                "discount", result == null ? 0L : result.discount(), "shipping_discount", result == null ? 0L : result.shippingDiscount()));
    }
}
