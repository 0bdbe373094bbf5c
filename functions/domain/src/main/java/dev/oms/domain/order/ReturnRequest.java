package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A return (RMA) of some units of an order: stored beside the order header and named on its own in routes
 * ({@code /v1/orders/returns/{returnId}/...}). It reports the units it moves ({@link UnitMeasure#RETURN_REQUESTED}
 * while it claims them, {@code RETURN_RECEIVED}, {@code RETURN_ACCEPTED}), so eligibility of later returns and the
 * order's {@code return_status} follow from the children. {@code steps} is the return-order saga's journal (restock,
 * planned refund, the step it waits on) so a repeated step does nothing twice; {@code taskToken} is the token of the
 * saga's wait for receipt or inspection ({@code awaiting}).
 */
public record ReturnRequest(String id, String rma, ReturnState state, String method, String refundMethod, String instructions,
                            Map<String, String> metadata, List<ReturnLine> lines, String outcome, String resolution,
                            Label label, Settlement settlement, String taskToken, String awaiting,
                            List<Cancellation.Action> steps, String requestedBy, Instant createdAt, Instant updatedAt,
                            Instant closedAt, String cancelReason) implements LineUnits {
    public static final List<String> METHODS = List.of("ship", "dropoff", "pickup");
    public static final List<String> REFUND_METHODS = List.of("refund_to_card", "store_credit");
    /** What a return may ask for when it is opened: a refund method, or an exchange (a customer's replace request). */
    public static final List<String> REQUESTED_RESOLUTIONS = List.of("refund_to_card", "store_credit", "exchange");
    public static final List<String> RESOLUTIONS = List.of("refund_to_card", "store_credit", "exchange");
    public static final String APPROVED = "approved", PARTIALLY_APPROVED = "partially_approved", REJECTED = "rejected";

    public ReturnRequest {
        metadata = Metadata.sorted(metadata);
        lines = List.copyOf(lines);
        steps = List.copyOf(steps);
    }

    /** The return label: carrier, tracking number and the {@code return_label} document with the printable file. */
    public record Label(String carrier, String trackingNumber, String documentId, Instant issuedAt) { }

    /**
     * How the return was settled: {@code refund} (reference = the refund id), {@code store_credit} (the credit
     * reference) or {@code exchange} (the replacement order id); the amount given back in minor units and its split by
     * line (zero for an exchange).
     */
    public record Settlement(String kind, String reference, long amount, String currency, Map<String, Long> byLine, Instant at) {
        public Settlement {
            byLine = Map.copyOf(byLine);
        }
    }

    @Override
    public String kind() { return "return"; }

    @Override
    public long units(String lineId, UnitMeasure measure) {
        if (state == ReturnState.CANCELLED) return 0;
        long n = 0;
        for (ReturnLine l : lines) {
            if (!l.lineId().equals(lineId)) continue;
            n += switch (measure) {
                case RETURN_REQUESTED -> l.claimed();
                case RETURN_RECEIVED -> l.received();
                case RETURN_ACCEPTED -> l.approved() == null ? 0 : l.approved();
                default -> 0;
            };
        }
        return n;
    }

    public ReturnLine line(String lineId) {
        for (ReturnLine l : lines) if (l.lineId().equals(lineId)) return l;
        return null;
    }

    public boolean hasDone(String step) { return steps.stream().anyMatch(a -> a.step().equals(step)); }

    public Cancellation.Action step(String step) {
        return steps.stream().filter(a -> a.step().equals(step)).findFirst().orElse(null);
    }

    public long receivedUnits() { return lines.stream().mapToLong(ReturnLine::received).sum(); }

    public long approvedUnits() { return lines.stream().mapToLong(l -> l.approved() == null ? 0 : l.approved()).sum(); }

    Builder to() { return new Builder(this); }

    /** Copies a return with some fields changed (the record has too many for withers). */
    static final class Builder {
        ReturnState state;
        List<ReturnLine> lines;
        String outcome, resolution, taskToken, awaiting, cancelReason;
        Label label;
        Settlement settlement;
        List<Cancellation.Action> steps;
        Instant updatedAt, closedAt;
        private final ReturnRequest r;

        private Builder(ReturnRequest r) {
            this.r = r;
            state = r.state;
            lines = new java.util.ArrayList<>(r.lines);
            outcome = r.outcome;
            resolution = r.resolution;
            taskToken = r.taskToken;
            awaiting = r.awaiting;
            cancelReason = r.cancelReason;
            label = r.label;
            settlement = r.settlement;
            steps = new java.util.ArrayList<>(r.steps);
            updatedAt = r.updatedAt;
            closedAt = r.closedAt;
        }

        ReturnRequest build() {
            return new ReturnRequest(r.id, r.rma, state, r.method, r.refundMethod, r.instructions, r.metadata, lines, outcome,
                    resolution, label, settlement, taskToken, awaiting, steps, r.requestedBy, r.createdAt, updatedAt, closedAt, cancelReason);
        }
    }
}
