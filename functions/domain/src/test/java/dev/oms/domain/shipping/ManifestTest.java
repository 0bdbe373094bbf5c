package dev.oms.domain.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    static final LocalTime FIVE_PM = LocalTime.of(17, 0);
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z"); // a Monday

    static Manifest.Entry bought(String id, String at) { return new Manifest.Entry(id, "ord_" + id, List.of("SBX" + id), Instant.parse(at)); }

    @Test
    void aLabelBoughtBeforeTheLocalCutOffIsOnThatDaysManifestEvenWhenUtcIsPastIt() {
        // 17:00 in New York is 22:00 UTC: a label at 21:30 UTC is still Monday's there
        Manifest m = Manifest.draft("mfst_1", "wh_ny", "ups", null, "America/New_York", FIVE_PM,
                List.of(bought("a", "2026-12-07T21:30:00Z")), "u", NOW);
        assertThat(m.dispatchDate()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(m.closesAt()).isEqualTo(Instant.parse("2026-12-07T22:00:00Z"));
        // the same instant in London (17:00 = 17:00 UTC in winter) is after the cut-off: Tuesday
        Manifest london = Manifest.draft("mfst_2", "wh_ldn", "ups", null, "Europe/London", FIVE_PM,
                List.of(bought("b", "2026-12-07T21:30:00Z")), "u", NOW);
        assertThat(london.dispatchDate()).isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void aLabelBoughtAfterTheCutOffIsRefusedOnThatDayButAnEarlierOneMayGoLater() {
        Manifest monday = Manifest.draft("mfst_1", "wh", "ups", LocalDate.of(2026, 12, 7), "Europe/London", FIVE_PM, List.of(), "u", NOW);
        assertThatThrownBy(() -> monday.add(List.of(bought("late", "2026-12-07T17:00:00Z")), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("manifest.wrong_dispatch_date");
                    assertThat(e.details()).containsEntry("manifest_date", "2026-12-08");
                });
        Manifest tuesday = Manifest.draft("mfst_2", "wh", "ups", LocalDate.of(2026, 12, 8), "Europe/London", FIVE_PM, List.of(), "u", NOW);
        Manifest added = tuesday.add(List.of(bought("early", "2026-12-07T09:00:00Z")), NOW);
        assertThat(added.shipments()).hasSize(1);
        assertThat(added.version()).isEqualTo(2);
    }

    @Test
    void fridayAfterTheCutOffGoesToMondayAndWeekendsAreNoDispatchDays() {
        Manifest m = Manifest.draft("mfst_1", "wh", "ups", null, "Europe/London", FIVE_PM, List.of(bought("a", "2026-12-11T18:00:00Z")), "u", NOW);
        assertThat(m.dispatchDate()).isEqualTo(LocalDate.of(2026, 12, 14));
        assertThatThrownBy(() -> Manifest.draft("mfst_2", "wh", "ups", LocalDate.of(2026, 12, 12), "Europe/London", FIVE_PM, List.of(), "u", NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("request.invalid"));
    }

    @Test
    void aShipmentIsOnceOnAManifestAndOnlyDraftsWithShipmentsAreSubmitted() {
        Manifest m = Manifest.draft("mfst_1", "wh", "ups", null, "UTC", FIVE_PM, List.of(bought("a", "2026-12-07T09:00:00Z")), "u", NOW);
        assertThatThrownBy(() -> m.add(List.of(bought("a", "2026-12-07T09:00:00Z")), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("shipment.already_manifested"));
        Manifest empty = Manifest.draft("mfst_2", "wh", "ups", LocalDate.of(2026, 12, 7), "UTC", FIVE_PM, List.of(), "u", NOW);
        assertThatThrownBy(() -> empty.submitted("sf", null, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("manifest.empty"));
        Manifest submitted = m.submitted("sf_1", null, NOW);
        assertThat(submitted.status()).isEqualTo(Manifest.SUBMITTED);
        assertThat(submitted.trackingNumbers()).containsExactly("SBXa");
        assertThatThrownBy(() -> submitted.submitted("sf_2", null, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("manifest.invalid_transition"));
        assertThatThrownBy(() -> submitted.add(List.of(bought("b", "2026-12-07T09:00:00Z")), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("manifest.not_draft"));
    }
}
