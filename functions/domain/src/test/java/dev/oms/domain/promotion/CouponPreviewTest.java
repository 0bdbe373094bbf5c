package dev.oms.domain.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.money.Money;
import dev.oms.domain.promotion.CouponPreview.Goods;
import dev.oms.domain.promotion.CouponPreview.Result;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CouponPreviewTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static Promotion percent(int bps) { return new Promotion("P", Promotion.Type.PERCENTAGE, bps, null, null, null, null, null); }

    private static Promotion fixed(long amount) { return new Promotion("F", Promotion.Type.FIXED_AMOUNT, null, Money.of(amount, "GBP"), null, null, null, null); }

    private static List<Goods> goods(List<Long> amounts) {
        List<Goods> g = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) g.add(new Goods("line_" + i, amounts.get(i)));
        return g;
    }

    @Test
    void percentagesRoundHalfEvenOnTheSubtotal() {
        assertThat(CouponPreview.percentHalfEven(125, 1000)).isEqualTo(12); // 12.5 → 12
        assertThat(CouponPreview.percentHalfEven(135, 1000)).isEqualTo(14); // 13.5 → 14
        assertThat(CouponPreview.percentHalfEven(126, 1000)).isEqualTo(13); // 12.6 → 13
        assertThat(CouponPreview.percentHalfEven(124, 1000)).isEqualTo(12);
        Result r = CouponPreview.preview(percent(1000), "GBP", goods(List.of(333L, 333L, 334L)), 399, 0, NOW);
        assertThat(r.applicable()).isTrue();
        assertThat(r.discount()).isEqualTo(100);
        assertThat(r.lines()).extracting(CouponPreview.LineDiscount::discount).containsExactly(33L, 33L, 34L);
        assertThat(r.shippingDiscount()).isZero();
    }

    @Test
    void fixedAmountsFreeShippingAndTheRules() {
        assertThat(CouponPreview.preview(fixed(5000), "GBP", goods(List.of(1200L)), 399, 0, NOW).discount()).as("capped at the goods").isEqualTo(1200);
        Result free = CouponPreview.preview(new Promotion("S", Promotion.Type.FREE_SHIPPING, null, null, null, null, null, null), "GBP", goods(List.of(1200L)), 399, 0, NOW);
        assertThat(free.discount()).isZero();
        assertThat(free.shippingDiscount()).isEqualTo(399);
        Promotion min = new Promotion("M", Promotion.Type.PERCENTAGE, 1000, null, Money.of(5000, "GBP"), null, null, null);
        Result shortOf = CouponPreview.preview(min, "GBP", goods(List.of(4000L)), 0, 0, NOW);
        assertThat(shortOf.reasonCode()).isEqualTo("coupon.minimum_spend_not_met");
        assertThat(shortOf.shortfall()).isEqualTo(1000);
        assertThat(CouponPreview.preview(min, "GBP", goods(List.of(5000L)), 0, 0, NOW).discount()).isEqualTo(500);
        assertThat(CouponPreview.preview(min, "EUR", goods(List.of(5000L)), 0, 0, NOW).reasonCode()).isEqualTo("coupon.currency_not_supported");
        assertThat(CouponPreview.preview(fixed(100), "USD", goods(List.of(5000L)), 0, 0, NOW).reasonCode()).isEqualTo("coupon.currency_not_supported");
        Promotion window = new Promotion("W", Promotion.Type.PERCENTAGE, 500, null, null, NOW.plusSeconds(60), NOW.plusSeconds(120), null);
        assertThat(CouponPreview.preview(window, "GBP", goods(List.of(100L)), 0, 0, NOW).reasonCode()).isEqualTo("coupon.not_started");
        assertThat(CouponPreview.preview(window, "GBP", goods(List.of(100L)), 0, 0, NOW.plusSeconds(120)).reasonCode()).isEqualTo("coupon.expired");
        assertThat(CouponPreview.preview(window, "GBP", goods(List.of(100L)), 0, 0, NOW.plusSeconds(90)).applicable()).isTrue();
        Promotion once = new Promotion("O", Promotion.Type.PERCENTAGE, 500, null, null, null, null, 1);
        assertThat(CouponPreview.preview(once, "GBP", goods(List.of(100L)), 0, 0, NOW).applicable()).isTrue();
        assertThat(CouponPreview.preview(once, "GBP", goods(List.of(100L)), 0, 1, NOW).reasonCode()).isEqualTo("coupon.usage_limit_reached");
        assertThatThrownBy(() -> percent(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixed(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void aPercentageIsExactNeverNegativeAndNeverMoreThanTheGoods(@ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 100_000_000) Long> amounts,
                                                                 @ForAll @IntRange(min = 1, max = 10_000) int bps) {
        Result r = CouponPreview.preview(percent(bps), "GBP", goods(amounts), 0, 0, NOW);
        long subtotal = amounts.stream().mapToLong(Long::longValue).sum();
        long expected = BigDecimal.valueOf(subtotal).multiply(BigDecimal.valueOf(bps)).divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN).longValueExact();
        assertThat(r.discount()).isEqualTo(expected).isBetween(0L, subtotal);
        assertThat(r.lines().stream().mapToLong(CouponPreview.LineDiscount::discount).sum()).isEqualTo(r.discount());
        for (int i = 0; i < amounts.size(); i++) assertThat(r.lines().get(i).discount()).isBetween(0L, amounts.get(i));
    }

    @Property(tries = 500)
    void aFixedAmountIsNeverNegativeAndNeverMoreThanTheGoods(@ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 100_000_000) Long> amounts,
                                                             @ForAll @LongRange(min = 1, max = 1_000_000_000) long off) {
        Result r = CouponPreview.preview(fixed(off), "GBP", goods(amounts), 0, 0, NOW);
        long subtotal = amounts.stream().mapToLong(Long::longValue).sum();
        assertThat(r.discount()).isEqualTo(Math.min(off, subtotal));
        assertThat(r.lines().stream().mapToLong(CouponPreview.LineDiscount::discount).sum()).isEqualTo(r.discount());
        for (int i = 0; i < amounts.size(); i++) assertThat(r.lines().get(i).discount()).isBetween(0L, amounts.get(i));
    }
}
