package dev.oms.domain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PicklistsTest {
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static Picklist.Line line(String location, String sku, long qty) {
        return new Picklist.Line(null, "ful_1", "ord_1", "alc_1", "line_1", sku, location, null, false, qty, 0, List.of(), null, 0);
    }

    static Picklist started() {
        Picklist p = Picklists.create("pkl_1", "wh_1", "A", null, List.of("ful_1"),
                List.of(line("A-10-01", "SKU-1", 3), line("A-2-01", "SKU-2", 1)), "sup", NOW);
        return Picklists.start(Picklists.assign(p, "w1", "dev1", NOW), NOW);
    }

    static String code(Runnable r) { return assertThrows(DomainException.class, r::run).code(); }

    @Test
    void linesAreNumberedInPickPathOrder() {
        Picklist p = started();
        assertEquals(List.of("A-2-01", "A-10-01"), p.lines().stream().map(Picklist.Line::locationId).toList());
        assertEquals("pl1", p.lines().get(0).id());
        assertEquals(Picklist.Status.IN_PROGRESS, p.status());
        assertEquals(3, p.version());
    }

    @Test
    void scansCountOnceAndShortLinesKeepWhatWasPicked() {
        Picklist p = started();
        Picklists.Scanned s = Picklists.scan(p, List.of(new ScanBatch.Scan("s1", "A-10-01", "SKU-1", null, null, 2, NOW, false)), NOW);
        assertEquals(2, s.picklist().line("pl2").picked());
        Picklists.Scanned again = Picklists.scan(s.picklist(), List.of(new ScanBatch.Scan("s1", "A-10-01", "SKU-1", null, null, 2, NOW, false)), NOW);
        assertEquals(2, again.picklist().line("pl2").picked());
        assertEquals("picklist.incomplete", code(() -> Picklists.complete(again.picklist(), "pcf", NOW)));
        Picklist adjusted = Picklists.adjust(again.picklist(), "pl2", "damaged", NOW);
        assertEquals(1, adjusted.line("pl2").shortQuantity());
        assertEquals(2, adjusted.line("pl2").picked());
        assertEquals("picklist.line_not_short", code(() -> Picklists.adjust(adjusted, "pl2", "damaged", NOW)));
        Picklist scannedRest = Picklists.scan(adjusted, List.of(new ScanBatch.Scan("s2", "A-2-01", "SKU-2", null, null, 1, NOW, false)), NOW).picklist();
        Picklist done = Picklists.complete(scannedRest, "pcf-1", NOW);
        assertEquals(Picklist.Status.COMPLETED, done.status());
        assertSame(done, Picklists.complete(done, "pcf-2", NOW));
        assertEquals("pcf-1", done.pickConfirmationId());
    }

    @Test
    void stepsOutOfOrderAndOverRebinsAreRefused() {
        Picklist draft = Picklists.create("pkl_1", "wh_1", null, "high", List.of("ful_1"), List.of(line("B-1", "SKU-1", 1)), "sup", NOW);
        assertEquals("picklist.invalid_transition", code(() -> Picklists.start(draft, NOW)));
        assertEquals("picklist.invalid_transition", code(() -> Picklists.scan(draft, List.of(), NOW)));
        assertEquals("picklist.nothing_to_pick", code(() -> Picklists.create("pkl_2", "wh_1", null, null, List.of("ful_1"), List.of(), "sup", NOW)));
        Picklist p = started();
        assertEquals("picklist.rebin_exceeds_picked", code(() -> Picklists.rebin(p, "pl1", 1, "STAGE", null, NOW)));
        assertEquals("picklist.line_not_found", code(() -> Picklists.rebin(p, "pl9", 1, "STAGE", null, NOW)));
    }
}
