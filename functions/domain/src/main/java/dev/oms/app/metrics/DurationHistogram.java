package dev.oms.app.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * Durations counted in fixed buckets (5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 1 d, 2 d, 3 d, 5 d, 7 d, 14 d,
 * 30 d, more), with their count and sum, so a day's histogram is a handful of counters that add up across days.
 * A percentile is the upper bound of the bucket it falls in (its precision is the bucket's width); beyond 30 days it
 * is the 30-day bound.
 */
public record DurationHistogram(long[] buckets, long count, long sumSeconds) {
    public static final long[] BOUNDS = {300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 432000,
            604800, 1209600, 2592000};
    public static final int SIZE = BOUNDS.length + 1;

    public DurationHistogram {
        if (buckets.length != SIZE) throw new IllegalArgumentException("a histogram has " + SIZE + " buckets");
        buckets = buckets.clone();
    }

    public static DurationHistogram empty() { return new DurationHistogram(new long[SIZE], 0, 0); }

    /** The bucket a duration falls in (negative durations, from clock skew, count as zero). */
    public static int bucketOf(Duration d) {
        long s = Math.max(0, d.getSeconds());
        for (int i = 0; i < BOUNDS.length; i++) if (s <= BOUNDS[i]) return i;
        return BOUNDS.length;
    }

    public DurationHistogram plus(DurationHistogram other) {
        long[] b = buckets.clone();
        for (int i = 0; i < SIZE; i++) b[i] += other.buckets[i];
        return new DurationHistogram(b, count + other.count, sumSeconds + other.sumSeconds);
    }

    /** The upper bound, in seconds, of the bucket holding the {@code percent}th percentile; null when empty. */
    public Long percentileSeconds(int percent) {
        if (count == 0) return null;
        long rank = Math.max(1, (count * percent + 99) / 100);
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += buckets[i];
            if (seen >= rank) return BOUNDS[Math.min(i, BOUNDS.length - 1)];
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    /** The mean in whole seconds (rounded half up); null when empty. */
    public Long averageSeconds() { return count == 0 ? null : (sumSeconds + count / 2) / count; }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurationHistogram h && count == h.count && sumSeconds == h.sumSeconds && Arrays.equals(buckets, h.buckets);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(buckets) * 31 + Long.hashCode(count); }

    @Override
    public String toString() { return "DurationHistogram" + Arrays.toString(buckets) + " n=" + count + " sum=" + sumSeconds; }
}
