package dev.oms.domain.warehouse;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of pick lists: built in pick-path order, assigned, started, scanned in batches, adjusted for short picks,
 * re-binned and completed. Each answers the changed pick list (the caller stores it under the old {@code version}).
 */
public final class Picklists {
    public static final Set<String> SHORT_REASONS = Set.of("not_found", "damaged", "expired", "wrong_item", "quantity_mismatch", "other");
    public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private Picklists() { }

    /** A new pick list of {@code lines} (their ids are given here, in pick-path order, serpentine). */
    public static Picklist create(String id, String warehouseId, String zone, String priority, List<String> fulfillmentIds, List<Picklist.Line> lines,
                                 String createdBy, Instant now) {
        if (lines.isEmpty()) throw DomainException.conflict("picklist.nothing_to_pick", "The fulfilments have no allocated units to pick",
                "Allocate the fulfilments first.");
        if (lines.size() > Picklist.MAX_LINES) {
            throw DomainException.invalidField("fulfillment_ids", "picklist.too_many_lines", "A pick list has at most " + Picklist.MAX_LINES + " lines");
        }
        List<Picklist.Line> walked = PickPath.order(lines, Picklist.Line::locationId, true);
        List<Picklist.Line> numbered = new ArrayList<>();
        for (int i = 0; i < walked.size(); i++) {
            Picklist.Line l = walked.get(i);
            numbered.add(new Picklist.Line("pl" + (i + 1), l.fulfillmentId(), l.orderId(), l.allocationId(), l.orderLineId(), l.sku(), l.locationId(),
                    l.lot(), l.serialTracked(), l.quantity(), 0, List.of(), null, 0));
        }
        return new Picklist(id, warehouseId, zone, priority == null ? "normal" : priority, Picklist.Status.DRAFT, fulfillmentIds, numbered, null, null,
                null, Map.of(), List.of(), 1, createdBy, now, now, null, null);
    }

    public static Picklist assign(Picklist p, String workerId, String deviceId, Instant now) {
        requireOpen(p);
        Picklist.Status s = p.status() == Picklist.Status.DRAFT ? Picklist.Status.ASSIGNED : p.status();
        return p.with(s, p.lines(), workerId, deviceId, p.pickConfirmationId(), p.scans(), p.rebins(), now);
    }

    public static Picklist start(Picklist p, Instant now) {
        if (p.status() == Picklist.Status.IN_PROGRESS) return p;
        if (p.status() != Picklist.Status.ASSIGNED) throw invalid(p, "start", "Assign the pick list to a worker first.");
        return p.with(Picklist.Status.IN_PROGRESS, p.lines(), p.workerId(), p.deviceId(), null, p.scans(), p.rebins(), now);
    }

    /** What a scan batch did: the pick list after it and the outcome of every scan. */
    public record Scanned(Picklist picklist, ScanBatch.Evaluation evaluation) { }

    public static Scanned scan(Picklist p, List<ScanBatch.Scan> scans, Instant now) {
        if (p.status() != Picklist.Status.IN_PROGRESS) throw invalid(p, "scan", "Start the pick list, then scan.");
        List<ScanBatch.PickLine> pickLines = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Picklist.Line l : p.lines()) {
            pickLines.add(new ScanBatch.PickLine(l.id(), l.locationId(), l.sku(), l.lot(), l.serialTracked(), l.quantity() - l.shortQuantity(), l.picked()));
            used.addAll(l.serials());
        }
        ScanBatch.Evaluation e = ScanBatch.evaluate(pickLines, scans, used, p.scans());
        List<Picklist.Line> lines = new ArrayList<>();
        for (Picklist.Line l : p.lines()) {
            long more = e.pickedByLine().getOrDefault(l.id(), 0L);
            lines.add(more == 0 ? l : l.withPicked(more, e.serialsByLine().get(l.id())));
        }
        Map<String, ScanBatch.Result> kept = new LinkedHashMap<>(p.scans());
        for (ScanBatch.Result r : e.results()) if (!r.replayed()) kept.put(r.scanId(), r);
        if (kept.size() > Picklist.MAX_SCANS_KEPT) {
            throw DomainException.conflict("picklist.too_many_scans", "A pick list keeps at most " + Picklist.MAX_SCANS_KEPT + " scans",
                    "Complete this pick list and pick the rest on a new one.");
        }
        return new Scanned(p.with(p.status(), lines, p.workerId(), p.deviceId(), null, kept, p.rebins(), now), e);
    }

    /** A short line is reported with a reason: its open units become short (what was picked stays picked). */
    public static Picklist adjust(Picklist p, String lineId, String reason, Instant now) {
        if (p.status() != Picklist.Status.IN_PROGRESS) throw invalid(p, "adjust", "Only a pick list in progress is adjusted.");
        Picklist.Line line = requireLine(p, lineId);
        if (line.open() <= 0) {
            throw DomainException.conflict("picklist.line_not_short", "Line " + lineId + " has no open units", "Only lines with units left to pick are short.")
                    .with("line_id", lineId);
        }
        List<Picklist.Line> lines = new ArrayList<>();
        for (Picklist.Line l : p.lines()) lines.add(l.id().equals(lineId) ? l.shorted(reason, l.quantity() - l.picked()) : l);
        return p.with(p.status(), lines, p.workerId(), p.deviceId(), null, p.scans(), p.rebins(), now);
    }

    /** Completes a pick list whose every line is picked or adjusted short (409 {@code picklist.incomplete} otherwise). */
    public static Picklist complete(Picklist p, String confirmationId, Instant now) {
        if (p.status() == Picklist.Status.COMPLETED) return p;
        if (p.status() != Picklist.Status.IN_PROGRESS) throw invalid(p, "complete", "Start the pick list and scan its lines first.");
        List<String> open = new ArrayList<>();
        for (Picklist.Line l : p.lines()) if (l.open() > 0) open.add(l.id());
        if (!open.isEmpty()) {
            throw DomainException.conflict("picklist.incomplete", "Lines " + open + " still have units to pick",
                    "Scan them, or adjust them short with a reason.").with("lines", open);
        }
        return p.with(Picklist.Status.COMPLETED, p.lines(), p.workerId(), p.deviceId(), confirmationId, p.scans(), p.rebins(), now);
    }

    /** Picked units of a line move to another location; never more than were picked and not yet moved. */
    public static Picklist rebin(Picklist p, String lineId, long quantity, String toLocation, String reason, Instant now) {
        if (p.status() != Picklist.Status.IN_PROGRESS && p.status() != Picklist.Status.COMPLETED) throw invalid(p, "rebin", "Only picked units are re-binned.");
        Picklist.Line line = requireLine(p, lineId);
        long moved = 0;
        for (Picklist.Rebin r : p.rebins()) if (r.lineId().equals(lineId)) moved += r.quantity();
        if (quantity > line.picked() - moved) {
            throw DomainException.conflict("picklist.rebin_exceeds_picked", "Line " + lineId + " has " + (line.picked() - moved) + " picked unit(s) to move",
                    "Re-bin at most the units picked and not yet moved.").with("line_id", lineId).with("remaining", line.picked() - moved);
        }
        List<Picklist.Rebin> rebins = new ArrayList<>(p.rebins());
        rebins.add(new Picklist.Rebin(lineId, line.sku(), quantity, line.locationId(), toLocation, reason, now));
        return p.with(p.status(), p.lines(), p.workerId(), p.deviceId(), p.pickConfirmationId(), p.scans(), rebins, now);
    }

    private static Picklist.Line requireLine(Picklist p, String lineId) {
        Picklist.Line l = p.line(lineId);
        if (l == null) throw DomainException.notFound("picklist.line_not_found", "Pick list " + p.id() + " has no line " + lineId);
        return l;
    }

    private static void requireOpen(Picklist p) {
        if (p.status() == Picklist.Status.COMPLETED || p.status() == Picklist.Status.CANCELLED) throw invalid(p, "assign", "The pick list is finished.");
    }

    private static DomainException invalid(Picklist p, String action, String explain) {
        return DomainException.conflict("picklist.invalid_transition", "A " + p.status().wire() + " pick list cannot " + action, explain)
                .with("current_status", p.status().wire());
    }
}
