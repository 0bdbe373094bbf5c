package dev.oms.domain.warehouse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pick list (a wave, seed 003 section 3): the allocated units of one or more fulfilments of one warehouse and zone,
 * as lines in pick-path order ({@link PickPath}), assigned to a worker and device, started, scanned
 * ({@link ScanBatch}), completed with a {@code pick_confirmation_id}, short lines adjusted with a reason, picked units
 * re-binned. {@code draft → assigned → in_progress → completed}. Its own aggregate with a {@code version}; the
 * outcome of every scan id is kept, so a scan sent again answers its first outcome.
 */
public record Picklist(String id, String warehouseId, String zone, String priority, Status status, List<String> fulfillmentIds,
                       List<Line> lines, String workerId, String deviceId, String pickConfirmationId, Map<String, ScanBatch.Result> scans,
                       List<Rebin> rebins, long version, String createdBy, Instant createdAt, Instant updatedAt, Instant startedAt,
                       Instant completedAt) {
    public static final int MAX_LINES = 200, MAX_SCANS_KEPT = 2_000;

    public Picklist {
        fulfillmentIds = List.copyOf(fulfillmentIds);
        lines = List.copyOf(lines);
        scans = scans == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scans));
        rebins = rebins == null ? List.of() : List.copyOf(rebins);
    }

    public enum Status {
        DRAFT, ASSIGNED, IN_PROGRESS, COMPLETED, CANCELLED;

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        public static Status fromWire(String v) { return valueOf(v.toUpperCase(Locale.ROOT)); }
    }

    /**
     * A line: units of one order line at one location and lot, from an allocation. {@code shortQuantity} and
     * {@code shortReason} are set by an adjustment (never lowering {@code picked}).
     */
    public record Line(String id, String fulfillmentId, String orderId, String allocationId, String orderLineId, String sku, String locationId,
                       String lot, boolean serialTracked, long quantity, long picked, List<String> serials, String shortReason, long shortQuantity) {
        public Line {
            serials = serials == null ? List.of() : List.copyOf(serials);
        }

        public long open() { return quantity - picked - shortQuantity; }

        Line withPicked(long more, List<String> newSerials) {
            List<String> all = new java.util.ArrayList<>(serials);
            if (newSerials != null) all.addAll(newSerials);
            return new Line(id, fulfillmentId, orderId, allocationId, orderLineId, sku, locationId, lot, serialTracked, quantity, picked + more, all,
                    shortReason, shortQuantity);
        }

        Line shorted(String reason, long units) {
            return new Line(id, fulfillmentId, orderId, allocationId, orderLineId, sku, locationId, lot, serialTracked, quantity, picked, serials,
                    reason, units);
        }
    }

    /** Picked units of a line moved to another location (staging, a return to stock). */
    public record Rebin(String lineId, String sku, long quantity, String fromLocation, String toLocation, String reason, Instant at) { }

    public Line line(String lineId) {
        for (Line l : lines) if (l.id().equals(lineId)) return l;
        return null;
    }

    Picklist with(Status s, List<Line> newLines, String worker, String device, String confirmation, Map<String, ScanBatch.Result> newScans,
                  List<Rebin> newRebins, Instant now) {
        return new Picklist(id, warehouseId, zone, priority, s, fulfillmentIds, newLines, worker, device, confirmation, newScans, newRebins, version + 1,
                createdBy, createdAt, now, s == Status.IN_PROGRESS && startedAt == null ? now : startedAt,
                s == Status.COMPLETED && completedAt == null ? now : completedAt);
    }
}
