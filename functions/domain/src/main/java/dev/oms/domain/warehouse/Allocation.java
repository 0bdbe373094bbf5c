package dev.oms.domain.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * An allocation of a fulfilment's lines (seed 003 section 2): the {@link AllocationPlan} chosen from the inventory's stock
 * by location and lot, the units held for it, and what became of them: {@code allocated} (every line whole),
 * {@code partial} or {@code failed} (with a reason per short line), then {@code picked} (confirm-pick consumed the held
 * units) or {@code released} (given back). Its own aggregate with a {@code version}.
 */
public record Allocation(String id, String fulfillmentId, String orderId, AllocationStrategy strategy, Status status, LocalDate shipDate,
                         List<Line> lines, String pickConfirmationId, long version, String createdBy, Instant createdAt, Instant updatedAt) {
    public Allocation {
        lines = List.copyOf(lines);
    }

    public enum Status {
        ALLOCATED, PARTIAL, FAILED, PICKED, RELEASED;

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        public static Status fromWire(String v) { return valueOf(v.toUpperCase(Locale.ROOT)); }
    }

    /** One order line: how many were asked, the picks (warehouse, location, lot, expiry, units) and why it is short. */
    public record Line(String lineId, String sku, long requested, List<AllocationPlan.Pick> picks, String reason) {
        public Line {
            picks = List.copyOf(picks);
        }

        public long allocated() {
            long n = 0;
            for (AllocationPlan.Pick p : picks) n += p.quantity();
            return n;
        }
    }

    public static Allocation of(String id, String fulfillmentId, String orderId, AllocationPlan plan, String createdBy, Instant now) {
        List<Line> lines = plan.lines().stream().map(l -> new Line(l.lineId(), l.sku(), l.requested(), l.picks(), l.reason())).toList();
        Status status = switch (plan.status()) {
            case ALLOCATED -> Status.ALLOCATED;
            case PARTIAL -> Status.PARTIAL;
            case FAILED -> Status.FAILED;
        };
        return new Allocation(id, fulfillmentId, orderId, plan.strategy(), status, plan.shipDate(), lines, null, 1, createdBy, now, now);
    }

    /** Whether units are still held for it. */
    public boolean holds() { return status == Status.ALLOCATED || status == Status.PARTIAL; }

    public Allocation picked(String confirmationId, Instant now) {
        return new Allocation(id, fulfillmentId, orderId, strategy, Status.PICKED, shipDate, lines, confirmationId, version + 1, createdBy, createdAt, now);
    }

    public Allocation released(Instant now) {
        return new Allocation(id, fulfillmentId, orderId, strategy, Status.RELEASED, shipDate, lines, pickConfirmationId, version + 1, createdBy, createdAt, now);
    }
}
