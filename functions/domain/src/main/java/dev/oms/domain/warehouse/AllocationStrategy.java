package dev.oms.domain.warehouse;

import java.util.Locale;

/**
 * How stock is chosen for an order's lines. Every strategy skips lots that would be expired or short-dated on the
 * ship date ({@link StockLot#fresh}); they differ in which eligible stock goes first:
 * <ul>
 *   <li>{@code nearest_warehouse}: the nearest warehouse (first in the ranking) that can ship every line whole; when
 *       none can, line by line from the nearest warehouse down;</li>
 *   <li>{@code fifo}: the oldest received stock first;</li>
 *   <li>{@code lot_expiry}: first expiry first (FEFO), lots that do not expire last.</li>
 * </ul>
 * Ties break on the warehouse ranking, then the location id, then the lot id, so the same stock always gives the same plan.
 */
public enum AllocationStrategy {
    NEAREST_WAREHOUSE, FIFO, LOT_EXPIRY;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static AllocationStrategy fromWire(String value) {
        for (AllocationStrategy s : values()) if (s.wire().equals(value)) return s;
        throw new IllegalArgumentException("unknown allocation strategy: " + value);
    }
}
