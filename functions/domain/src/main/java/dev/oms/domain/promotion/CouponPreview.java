package dev.oms.domain.promotion;

import dev.oms.domain.money.Allocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a coupon would take off an order, without using it (the customer API's {@code apply-coupon}). Exact to the
 * minor unit, integer arithmetic only:
 * <ul>
 *   <li>the goods are the order's lines as they stand (each line's total after its discounts, before tax);</li>
 *   <li>a percentage is taken of the goods' subtotal, <b>rounded half-even on the total</b> (banker's rounding: 12.5
 *   minor units → 12, 13.5 → 14), then split over the lines by largest remainder so the lines add up to it;</li>
 *   <li>a fixed amount takes at most the goods' subtotal; free shipping takes the shipping amount;</li>
 *   <li>a discount is never negative and never more than what it applies to.</li>
 * </ul>
 * Tax is not recomputed here: the preview names the discount on the goods before tax.
 */
public final class CouponPreview {
    public static final String ROUNDING = "half_even_on_subtotal";

    private CouponPreview() { }

    /** A line of the order: its id and its total after discounts (minor units, not negative). */
    public record Goods(String lineId, long amount) { }

    /** The discount one line would get. */
    public record LineDiscount(String lineId, long discount) { }

    /**
     * The preview: {@code applicable} with the discounts, or not with the first rule that stands in the way
     * ({@code reasonCode}: {@code coupon.not_started}, {@code coupon.expired}, {@code coupon.usage_limit_reached},
     * {@code coupon.currency_not_supported}, {@code coupon.minimum_spend_not_met} with {@code shortfall}).
     */
    public record Result(boolean applicable, String reasonCode, String reasonMessage, long eligibleSubtotal, long discount,
                         long shippingDiscount, long shortfall, List<LineDiscount> lines) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    public static Result preview(Promotion p, String currency, List<Goods> goods, long shipping, long customerRedemptions, Instant now) {
        long subtotal = 0;
        for (Goods g : goods) {
            if (g.amount() < 0) throw new IllegalArgumentException("a line's amount is not negative");
            subtotal = Math.addExact(subtotal, g.amount());
        }
        if (shipping < 0) throw new IllegalArgumentException("shipping is not negative");
        if (p.startsAt() != null && now.isBefore(p.startsAt())) return refused("coupon.not_started", "This code is not valid yet", subtotal, 0);
        if (p.expiresAt() != null && !now.isBefore(p.expiresAt())) return refused("coupon.expired", "This code has expired", subtotal, 0);
        if (p.usageLimitPerCustomer() != null && customerRedemptions >= p.usageLimitPerCustomer()) {
            return refused("coupon.usage_limit_reached", "You have used this code as often as it allows", subtotal, 0);
        }
        if ((p.amountOff() != null && p.type() == Promotion.Type.FIXED_AMOUNT && !p.amountOff().currency().equals(currency))
                || (p.minimumSpend() != null && !p.minimumSpend().currency().equals(currency))) {
            return refused("coupon.currency_not_supported", "This code is not valid for orders in " + currency, subtotal, 0);
        }
        if (p.minimumSpend() != null && subtotal < p.minimumSpend().minor()) {
            return refused("coupon.minimum_spend_not_met", "This code needs a larger order", subtotal, p.minimumSpend().minor() - subtotal);
        }
        long discount = switch (p.type()) {
            case PERCENTAGE -> percentHalfEven(subtotal, p.percentBps());
            case FIXED_AMOUNT -> Math.min(p.amountOff().minor(), subtotal);
            case FREE_SHIPPING -> 0;
        };
        long shippingDiscount = p.type() == Promotion.Type.FREE_SHIPPING ? shipping : 0;
        List<LineDiscount> lines = new ArrayList<>();
        long[] weights = goods.stream().mapToLong(Goods::amount).toArray();
        long[] parts = discount == 0 ? new long[weights.length] : Allocation.largestRemainder(discount, weights);
        for (int i = 0; i < goods.size(); i++) lines.add(new LineDiscount(goods.get(i).lineId(), parts[i]));
        return new Result(true, null, null, subtotal, discount, shippingDiscount, 0, lines);
    }

    /** {@code amount × bps / 10000} rounded half to even, exactly (no floating point). */
    public static long percentHalfEven(long amount, int bps) {
        if (amount < 0 || bps < 0) throw new IllegalArgumentException("amount and rate are not negative");
        java.math.BigInteger[] qr = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(bps))
                .divideAndRemainder(java.math.BigInteger.valueOf(10_000));
        long q = qr[0].longValueExact();
        int twice = qr[1].intValueExact() * 2;
        if (twice > 10_000 || (twice == 10_000 && (q & 1) == 1)) q++;
        return q;
    }

    private static Result refused(String code, String message, long subtotal, long shortfall) {
        return new Result(false, code, message, subtotal, 0, 0, shortfall, List.of());
    }
}
