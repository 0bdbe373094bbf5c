package dev.oms.domain.warehouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a batch of scans against a pick list's lines and answers an outcome for every scan: it never stops at the
 * first bad one. A scan is matched to a line of its SKU, preferring one at the scanned location that still needs
 * units; then checked in this order: the SKU is on the list ({@code wrong_sku}), the location is the line's
 * ({@code wrong_location}), the lot is the allocated one when the line names a lot ({@code lot_mismatch}), a serial is
 * given once per unit and never used before ({@code serial_required}, {@code serial_already_used}), the quantity fits
 * what the line still needs ({@code over_pick}); a scan that reports the location empty or short is
 * {@code shortage} (the line is flagged for an adjustment, nothing is counted). Only {@code ok} scans count, and they
 * are summed per line, so the caller writes each line once. A scan id seen before answers its first outcome
 * ({@code replayed}) and counts nothing again.
 */
public final class ScanBatch {
    public static final int MAX_SCANS = 100;

    private ScanBatch() { }

    /** A line of a pick list: where to pick what, how many in all and how many are already picked. */
    public record PickLine(String id, String locationId, String sku, String lot, boolean serialTracked, long quantity, long picked) {
        public long remaining() { return quantity - picked; }
    }

    /** One scan from a device. {@code shortage} true: the picker reports the location cannot supply the units. */
    public record Scan(String scanId, String locationId, String sku, String lot, String serial, long quantity, Instant at, boolean shortage) { }

    public enum Outcome {
        OK, WRONG_SKU, WRONG_LOCATION, LOT_MISMATCH, SERIAL_REQUIRED, SERIAL_ALREADY_USED, OVER_PICK, SHORTAGE, INVALID_QUANTITY;

        public String wire() { return name().toLowerCase(Locale.ROOT); }
    }

    /** A scan's outcome, the line it was matched to (null when none), and whether it is the answer of an earlier call. */
    public record Result(String scanId, Outcome outcome, String lineId, boolean replayed) { }

    /** What the batch means: an outcome per scan in the order given, units to add per line, serials taken, lines reported short. */
    public record Evaluation(List<Result> results, Map<String, Long> pickedByLine, Map<String, List<String>> serialsByLine,
                             Set<String> shortLines) {
        public boolean changesAnything() { return !pickedByLine.isEmpty() || !shortLines.isEmpty(); }
    }

    /**
     * @param usedSerials serials of these SKUs already picked anywhere (the caller reads them with the lines)
     * @param earlier     outcomes of scan ids already applied in earlier calls
     */
    public static Evaluation evaluate(List<PickLine> lines, List<Scan> scans, Set<String> usedSerials, Map<String, Result> earlier) {
        if (scans.size() > MAX_SCANS) throw new IllegalArgumentException("at most " + MAX_SCANS + " scans per call");
        Map<String, Long> remaining = new HashMap<>();
        for (PickLine l : lines) remaining.put(l.id(), l.remaining());
        Set<String> serials = new HashSet<>(usedSerials);
        Map<String, Result> seen = new HashMap<>(earlier);
        List<Result> results = new ArrayList<>();
        Map<String, Long> picked = new LinkedHashMap<>();
        Map<String, List<String>> serialsByLine = new LinkedHashMap<>();
        Set<String> shortLines = new java.util.LinkedHashSet<>();
        for (Scan s : scans) {
            Result before = seen.get(s.scanId());
            if (before != null) {
                results.add(new Result(s.scanId(), before.outcome(), before.lineId(), true));
                continue;
            }
            PickLine line = match(lines, s, remaining);
            Outcome outcome = check(line, s, remaining, serials);
            if (outcome == Outcome.OK) {
                remaining.merge(line.id(), -s.quantity(), Long::sum);
                picked.merge(line.id(), s.quantity(), Long::sum);
                if (line.serialTracked()) {
                    serials.add(s.serial());
                    serialsByLine.computeIfAbsent(line.id(), k -> new ArrayList<>()).add(s.serial());
                }
            } else if (outcome == Outcome.SHORTAGE) {
                shortLines.add(line.id());
            }
            Result r = new Result(s.scanId(), outcome, line == null ? null : line.id(), false);
            seen.put(s.scanId(), r);
            results.add(r);
        }
        return new Evaluation(results, picked, serialsByLine, shortLines);
    }

    private static PickLine match(List<PickLine> lines, Scan s, Map<String, Long> remaining) {
        PickLine sameSku = null, sameSkuHere = null;
        for (PickLine l : lines) {
            if (!l.sku().equals(s.sku())) continue;
            boolean here = l.locationId().equals(s.locationId());
            boolean needs = remaining.get(l.id()) > 0;
            if (here && needs) return l;
            if (here && sameSkuHere == null) sameSkuHere = l;
            if (sameSku == null || (needs && remaining.get(sameSku.id()) <= 0)) sameSku = l;
        }
        return sameSkuHere != null ? sameSkuHere : sameSku;
    }

    private static Outcome check(PickLine line, Scan s, Map<String, Long> remaining, Set<String> serials) {
        if (line == null) return Outcome.WRONG_SKU;
        if (!line.locationId().equals(s.locationId())) return Outcome.WRONG_LOCATION;
        if (s.shortage()) return Outcome.SHORTAGE;
        if (s.quantity() <= 0) return Outcome.INVALID_QUANTITY;
        if (line.lot() != null && !Objects.equals(line.lot(), s.lot())) return Outcome.LOT_MISMATCH;
        if (line.serialTracked()) {
            if (s.serial() == null || s.serial().isBlank() || s.quantity() != 1) return Outcome.SERIAL_REQUIRED;
            if (serials.contains(s.serial())) return Outcome.SERIAL_ALREADY_USED;
        }
        if (s.quantity() > remaining.get(line.id())) return Outcome.OVER_PICK;
        return Outcome.OK;
    }
}
