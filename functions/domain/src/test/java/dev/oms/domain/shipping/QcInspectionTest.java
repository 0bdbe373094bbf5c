package dev.oms.domain.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QcInspectionTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static QcInspection open() { return QcInspection.start("qc_1", QcInspection.RETURN, "ret_1", "ord_1", "qc-agent", NOW); }

    static QcInspection.Finding finding() {
        return new QcInspection.Finding("qcf_1", "seal broken", "major", List.of(new QcInspection.Photo("qc/t/qc_1/qcf_1-0.jpg", "image/jpeg", 10)), "qc-agent", NOW);
    }

    @Test
    void aPassDefaultsToReshelvingAndNeedsNoFindings() {
        QcInspection done = open().resolve("pass", null, null, NOW);
        assertThat(done.status()).isEqualTo(QcInspection.RESOLVED);
        assertThat(done.disposition()).isEqualTo("reshelve");
        assertThat(done.version()).isEqualTo(2);
    }

    @Test
    void failAndQuarantineNeedAFindingAndAMatchingDisposition() {
        assertThatThrownBy(() -> open().resolve("fail", null, null, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("qc.findings_required"));
        QcInspection found = open().record(finding(), NOW);
        assertThatThrownBy(() -> found.resolve("quarantine", "reshelve", null, NOW)).isInstanceOf(DomainException.class);
        assertThat(found.resolve("fail", "scrap", "crushed", NOW).disposition()).isEqualTo("scrap");
        assertThat(found.resolve("quarantine", null, null, NOW).disposition()).isEqualTo("quarantine");
    }

    @Test
    void aResolvedInspectionTakesNothingMore() {
        QcInspection done = open().record(finding(), NOW).resolve("fail", null, null, NOW);
        assertThat(done.disposition()).isEqualTo("repair");
        assertThatThrownBy(() -> done.record(finding(), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("qc.already_resolved"));
        assertThatThrownBy(() -> done.resolve("pass", null, null, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("qc.already_resolved"));
    }
}
