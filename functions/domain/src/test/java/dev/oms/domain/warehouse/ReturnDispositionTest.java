package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnDispositionTest {
    static ReturnLine line(String id, long received) {
        return new ReturnLine(id, "SKU-" + id, 3, "damaged", received, received == 0 ? null : "opened", List.of(), null, 0, 0, null);
    }

    static final List<ReturnLine> LINES = List.of(line("a", 2), line("b", 0), line("c", 3));

    @Test
    void reshelveRestocksEveryReceivedUnitByDefaultAndSkipsLinesNothingArrivedFor() {
        List<ReturnDraft.Decision> d = ReturnDisposition.decisions(LINES, "reshelve", null, true, null);
        assertThat(d).extracting(ReturnDraft.Decision::lineId).containsExactly("a", "c");
        assertThat(d).extracting(ReturnDraft.Decision::decision).containsOnly("approve");
        assertThat(d).extracting(ReturnDraft.Decision::quantity).containsExactly(2L, 3L);
        assertThat(d).extracting(ReturnDraft.Decision::restockable).containsExactly(2L, 3L);
    }

    @Test
    void aPartialRestockFillsTheLinesInOrder() {
        List<ReturnDraft.Decision> d = ReturnDisposition.decisions(LINES, "reshelve", 3L, true, null);
        assertThat(d).extracting(ReturnDraft.Decision::restockable).containsExactly(2L, 1L);
    }

    @Test
    void scrapRepairAndQuarantineRestockNothingButStillApprove() {
        for (String disposition : List.of("scrap", "repair", "quarantine")) {
            List<ReturnDraft.Decision> d = ReturnDisposition.decisions(LINES, disposition, null, true, null);
            assertThat(d).extracting(ReturnDraft.Decision::restockable).containsExactly(0L, 0L);
            assertThat(d).extracting(ReturnDraft.Decision::quantity).containsExactly(2L, 3L);
        }
    }

    @Test
    void restockingWhatDoesNotGoBackToStockIsRefused() {
        assertThatThrownBy(() -> ReturnDisposition.decisions(LINES, "quarantine", 1L, true, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("return.restock_not_allowed"));
    }

    @Test
    void moreThanArrivedIsRefused() {
        assertThatThrownBy(() -> ReturnDisposition.decisions(LINES, "reshelve", 6L, true, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("return.restock_exceeds_received"));
    }

    @Test
    void aRefusalNeedsNotesAndRejectsEveryReceivedLine() {
        assertThatThrownBy(() -> ReturnDisposition.decisions(LINES, "scrap", null, false, " "))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("request.invalid"));
        List<ReturnDraft.Decision> d = ReturnDisposition.decisions(LINES, "scrap", null, false, "worn, not ours");
        assertThat(d).extracting(ReturnDraft.Decision::decision).containsExactly("reject", "reject");
        assertThat(d).extracting(ReturnDraft.Decision::reason).containsOnly("worn, not ours");
    }

    @Test
    void nothingReceivedAndUnknownDispositionsAreRefused() {
        assertThatThrownBy(() -> ReturnDisposition.decisions(List.of(line("a", 0)), "reshelve", null, true, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("return.not_received"));
        assertThatThrownBy(() -> ReturnDisposition.decisions(LINES, "burn", null, true, null)).isInstanceOf(DomainException.class);
    }
}
