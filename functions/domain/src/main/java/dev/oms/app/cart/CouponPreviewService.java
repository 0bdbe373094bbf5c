package dev.oms.app.cart;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.PromotionsService;
import dev.oms.app.connector.PromotionsService.Lookup;
import dev.oms.domain.order.CouponPreviews;
import dev.oms.domain.order.Order;
import dev.oms.domain.promotion.CouponPreview;
import dev.oms.domain.promotion.Promotion;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The customer API's {@code apply-coupon}: what a coupon would take off the caller's order, computed exactly by
 * {@link CouponPreview} from the rule the promotions port gives. Non-consuming: the coupon is not used up and the
 * order's money does not change; the attempt is recorded on the order (event, audit).
 */
public final class CouponPreviewService {
    public static final String UNKNOWN = "coupon.unknown";

    private final OrderTransactions tx;
    private final PromotionsService promotions;
    private final Clock clock;

    public CouponPreviewService(OrderTransactions tx, PromotionsService promotions, Clock clock) {
        this.tx = tx;
        this.promotions = promotions;
        this.clock = clock;
    }

    /** The preview; {@code promotion} and {@code result} are null when the shop has no such code. */
    public record Preview(Order order, String code, Promotion promotion, CouponPreview.Result result) {
        public boolean known() { return result != null; }
    }

    public Preview preview(CommandContext ctx, String orderId, String rawCode) {
        String code = rawCode.trim().toUpperCase(Locale.ROOT);
        Order current = tx.get(ctx, orderId);
        Optional<Lookup> lookup = promotions.find(ctx.tenantId(), code, current.customerId());
        return tx.mutate(ctx, orderId, false, o -> {
            CouponPreview.Result result = lookup.map(l -> CouponPreview.preview(l.promotion(), o.state().currency, CouponPreviews.goods(o),
                    o.totals().shippingTotal(), l.customerRedemptions(), clock.instant())).orElse(null);
            CouponPreviews.record(o, code, result, UNKNOWN, clock.instant());
            return new Preview(o, code, lookup.map(Lookup::promotion).orElse(null), result);
        });
    }
}
