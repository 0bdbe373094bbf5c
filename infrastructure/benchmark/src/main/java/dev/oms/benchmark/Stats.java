package dev.oms.benchmark;

import java.util.Arrays;

/** Order statistics of a sample (nearest-rank percentiles). */
final class Stats {
    private final double[] sorted;

    private Stats(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no samples");
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Stats of(double[] values) { return new Stats(values); }

    /** Nanosecond samples, as milliseconds. */
    static Stats ofNanos(long[] nanos) { return new Stats(Arrays.stream(nanos).mapToDouble(n -> n / 1_000_000.0).toArray()); }

    int count() { return sorted.length; }

    double min() { return sorted[0]; }

    double max() { return sorted[sorted.length - 1]; }

    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The value at or below which {@code p} percent of the samples lie. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double p99() { return percentile(99); }
}
