package dev.oms.app.warehouseops;

import dev.oms.app.metrics.DurationHistogram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shipments on time and late against a ship-within target, counted from the ship latency histogram (fulfilment created
 * → shipped) of the metrics counters. The target must be one of the histogram's bucket bounds, so the split is exact:
 * every shipment of a bucket at or under the target was on time, every other one late.
 */
public final class OnTimeShipping {
    private OnTimeShipping() { }

    public record Split(long onTime, long late, Long onTimeRateBps) { }

    /** The targets the split is exact for, in hours (the bucket bounds of whole hours). */
    public static List<Long> targetsInHours() {
        List<Long> out = new ArrayList<>();
        for (long b : DurationHistogram.BOUNDS) if (b % 3600 == 0) out.add(b / 3600);
        return out;
    }

    public static Split of(DurationHistogram ship, Duration target) {
        int k = -1;
        for (int i = 0; i < DurationHistogram.BOUNDS.length; i++) if (DurationHistogram.BOUNDS[i] == target.getSeconds()) k = i;
        if (k < 0) throw new IllegalArgumentException("the target is not a bucket bound: " + target);
        long onTime = 0;
        for (int i = 0; i <= k; i++) onTime += ship.buckets()[i];
        long late = ship.count() - onTime;
        Long bps = ship.count() == 0 ? null : (onTime * 10_000 + ship.count() / 2) / ship.count();
        return new Split(onTime, late, bps);
    }
}
