package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.warehouse.ScanBatch.Outcome;
import dev.oms.domain.warehouse.ScanBatch.PickLine;
import dev.oms.domain.warehouse.ScanBatch.Scan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanBatchTest {
    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private final List<PickLine> lines = List.of(
            new PickLine("p1", "A-01", "TEE", null, false, 3, 0),
            new PickLine("p2", "A-02", "MILK", "LOT7", false, 2, 1),
            new PickLine("p3", "A-03", "PHONE", null, true, 2, 0));

    private static Scan scan(String id, String loc, String sku, String lot, String serial, long qty) {
        return new Scan(id, loc, sku, lot, serial, qty, T, false);
    }

    @Test
    void everyScanGetsAnOutcomeAndOnlyGoodOnesCountSummedPerLine() {
        var e = ScanBatch.evaluate(lines, List.of(
                scan("s1", "A-01", "TEE", null, null, 1),
                scan("s2", "A-01", "TEE", null, null, 2),
                scan("s3", "A-01", "TEE", null, null, 1),          // over-pick: 3 of 3 already
                scan("s4", "A-09", "MILK", "LOT7", null, 1),        // wrong location
                scan("s5", "A-02", "MILK", "LOT8", null, 1),        // lot mismatch
                scan("s6", "A-02", "SOCK", null, null, 1),          // not on the list
                scan("s7", "A-03", "PHONE", null, "SN1", 1),
                scan("s8", "A-03", "PHONE", null, "SN1", 1),        // same serial twice in one batch
                scan("s9", "A-03", "PHONE", null, "SN0", 1),        // used in an earlier pick
                scan("s10", "A-03", "PHONE", null, null, 1),        // serial-tracked without a serial
                scan("s11", "A-02", "MILK", "LOT7", null, 1)),
                Set.of("SN0"), Map.of());
        assertThat(e.results()).extracting(ScanBatch.Result::outcome).containsExactly(Outcome.OK, Outcome.OK, Outcome.OVER_PICK,
                Outcome.WRONG_LOCATION, Outcome.LOT_MISMATCH, Outcome.WRONG_SKU, Outcome.OK, Outcome.SERIAL_ALREADY_USED,
                Outcome.SERIAL_ALREADY_USED, Outcome.SERIAL_REQUIRED, Outcome.OK);
        assertThat(e.pickedByLine()).containsOnly(Map.entry("p1", 3L), Map.entry("p3", 1L), Map.entry("p2", 1L));
        assertThat(e.serialsByLine()).containsEntry("p3", List.of("SN1"));
    }

    @Test
    void aReplayedScanAnswersItsFirstOutcomeAndCountsNothingAgain() {
        var first = ScanBatch.evaluate(lines, List.of(scan("s1", "A-01", "TEE", null, null, 2)), Set.of(), Map.of());
        var again = ScanBatch.evaluate(lines, List.of(scan("s1", "A-01", "TEE", null, null, 2)), Set.of(),
                Map.of("s1", first.results().get(0)));
        assertThat(again.results().get(0).replayed()).isTrue();
        assertThat(again.results().get(0).outcome()).isEqualTo(Outcome.OK);
        assertThat(again.changesAnything()).isFalse();
    }

    @Test
    void aShortageFlagsTheLineAndCountsNothing() {
        var e = ScanBatch.evaluate(lines, List.of(new Scan("s1", "A-01", "TEE", null, null, 0, T, true)), Set.of(), Map.of());
        assertThat(e.results().get(0).outcome()).isEqualTo(Outcome.SHORTAGE);
        assertThat(e.shortLines()).containsExactly("p1");
        assertThat(e.pickedByLine()).isEmpty();
    }
}
