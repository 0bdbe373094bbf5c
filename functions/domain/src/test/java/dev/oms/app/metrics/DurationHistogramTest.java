package dev.oms.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {
    static DurationHistogram of(Duration... ds) {
        long[] b = new long[DurationHistogram.SIZE];
        long sum = 0;
        for (Duration d : ds) {
            b[DurationHistogram.bucketOf(d)]++;
            sum += Math.max(0, d.getSeconds());
        }
        return new DurationHistogram(b, ds.length, sum);
    }

    @Test
    void bucketsAreClosedAtTheirUpperBound() {
        assertThat(DurationHistogram.bucketOf(Duration.ZERO)).isZero();
        assertThat(DurationHistogram.bucketOf(Duration.ofSeconds(-5))).isZero();
        assertThat(DurationHistogram.bucketOf(Duration.ofMinutes(5))).isZero();
        assertThat(DurationHistogram.bucketOf(Duration.ofMinutes(5).plusSeconds(1))).isEqualTo(1);
        assertThat(DurationHistogram.bucketOf(Duration.ofDays(30))).isEqualTo(14);
        assertThat(DurationHistogram.bucketOf(Duration.ofDays(31))).isEqualTo(15);
    }

    @Test
    void percentilesAreTheUpperBoundOfTheirBucketAndTheMeanIsExact() {
        DurationHistogram h = of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(3), Duration.ofHours(3),
                Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3),
                Duration.ofDays(2));
        assertThat(h.percentileSeconds(10)).isEqualTo(300);
        assertThat(h.percentileSeconds(20)).isEqualTo(900);
        assertThat(h.percentileSeconds(50)).isEqualTo(14400);
        assertThat(h.percentileSeconds(90)).isEqualTo(14400);
        assertThat(h.percentileSeconds(100)).isEqualTo(172800);
        long sum = 60 + 600 + 7 * 10800 + 172800;
        assertThat(h.averageSeconds()).isEqualTo((sum + 5) / 10);
        assertThat(of(Duration.ofDays(90)).percentileSeconds(50)).isEqualTo(2592000);
    }

    @Test
    void anEmptyHistogramHasNoPercentilesAndDaysAddUp() {
        assertThat(DurationHistogram.empty().percentileSeconds(50)).isNull();
        assertThat(DurationHistogram.empty().averageSeconds()).isNull();
        DurationHistogram a = of(Duration.ofMinutes(1));
        DurationHistogram b = of(Duration.ofHours(5), Duration.ofHours(6));
        assertThat(a.plus(b)).isEqualTo(of(Duration.ofMinutes(1), Duration.ofHours(5), Duration.ofHours(6)));
        assertThatThrownBy(() -> new DurationHistogram(new long[3], 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
