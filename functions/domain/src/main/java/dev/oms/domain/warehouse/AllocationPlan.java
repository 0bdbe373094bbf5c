package dev.oms.domain.warehouse;

import java.time.LocalDate;
import java.util.List;

/** What an allocation decided for every line; {@link #status()} is {@code allocated} only when every line is whole. */
public record AllocationPlan(AllocationStrategy strategy, LocalDate shipDate, List<LineAllocation> lines) {
    public AllocationPlan {
        lines = List.copyOf(lines);
    }

    public enum Status { ALLOCATED, PARTIAL, FAILED }

    /** Units taken from one lot at one location. */
    public record Pick(String warehouseId, String locationId, String lot, LocalDate expiry, long quantity) { }

    /**
     * One line's outcome: the picks, and when short the reason ({@code allocation.no_stock}: none of the SKU in the
     * candidate warehouses; {@code allocation.short_dated}: stock exists but every unit left expires too soon;
     * {@code allocation.insufficient_stock}: some fresh stock, not enough).
     */
    public record LineAllocation(String lineId, String sku, long requested, List<Pick> picks, String reason) {
        public LineAllocation {
            picks = List.copyOf(picks);
        }

        public long allocated() {
            long n = 0;
            for (Pick p : picks) n += p.quantity();
            return n;
        }

        public Status status() {
            long a = allocated();
            return a == requested ? Status.ALLOCATED : a == 0 ? Status.FAILED : Status.PARTIAL;
        }
    }

    public Status status() {
        boolean any = false, all = true;
        for (LineAllocation l : lines) {
            any |= l.allocated() > 0;
            all &= l.status() == Status.ALLOCATED;
        }
        return all ? Status.ALLOCATED : any ? Status.PARTIAL : Status.FAILED;
    }
}
