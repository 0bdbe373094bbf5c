package dev.oms.app.warehouseops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.metrics.DurationHistogram;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnTimeShippingTest {
    static DurationHistogram of(Duration... shipped) {
        long[] buckets = new long[DurationHistogram.SIZE];
        long sum = 0;
        for (Duration d : shipped) {
            buckets[DurationHistogram.bucketOf(d)]++;
            sum += d.getSeconds();
        }
        return new DurationHistogram(buckets, shipped.length, sum);
    }

    @Test
    void shipmentsAtOrUnderTheTargetAreOnTimeAndTheRestLate() {
        DurationHistogram h = of(Duration.ofHours(1), Duration.ofHours(47), Duration.ofHours(48), Duration.ofHours(48).plusSeconds(1),
                Duration.ofDays(10));
        OnTimeShipping.Split split = OnTimeShipping.of(h, Duration.ofHours(48));
        assertThat(split.onTime()).isEqualTo(3);
        assertThat(split.late()).isEqualTo(2);
        assertThat(split.onTimeRateBps()).isEqualTo(6_000);
        assertThat(OnTimeShipping.of(h, Duration.ofHours(1)).onTime()).isEqualTo(1);
        assertThat(OnTimeShipping.of(h, Duration.ofHours(720)).late()).isZero();
    }

    @Test
    void nothingShippedHasNoRateAndOnlyBucketBoundsAreTargets() {
        assertThat(OnTimeShipping.of(DurationHistogram.empty(), Duration.ofHours(24)).onTimeRateBps()).isNull();
        assertThat(OnTimeShipping.targetsInHours()).containsExactly(1L, 2L, 4L, 8L, 12L, 24L, 48L, 72L, 120L, 168L, 336L, 720L);
        assertThatThrownBy(() -> OnTimeShipping.of(DurationHistogram.empty(), Duration.ofHours(3))).isInstanceOf(IllegalArgumentException.class);
    }
}
