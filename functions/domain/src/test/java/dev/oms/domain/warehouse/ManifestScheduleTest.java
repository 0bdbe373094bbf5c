package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestScheduleTest {
    private final ManifestSchedule la = new ManifestSchedule(ZoneId.of("America/Los_Angeles"), LocalTime.of(17, 0), null,
            Set.of(LocalDate.of(2026, 12, 25)));

    @Test
    void aLabelBeforeTheLocalCutOffIsOnTodaysManifestEvenWhenUtcIsAlreadyTomorrow() {
        // 16:59 in Los Angeles on Tuesday 8 December = 00:59 UTC on Wednesday 9 December
        assertThat(la.manifestDate(Instant.parse("2026-12-09T00:59:00Z"))).isEqualTo(LocalDate.of(2026, 12, 8));
        // 17:00 local: the cut-off itself belongs to the next day
        assertThat(la.manifestDate(Instant.parse("2026-12-09T01:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 9));
    }

    @Test
    void fridayAfterTheCutOffAndWeekendsGoToMondayAndHolidaysAreSkipped() {
        assertThat(la.manifestDate(Instant.parse("2026-12-12T02:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 14)); // Fri 18:00 local
        assertThat(la.manifestDate(Instant.parse("2026-12-13T18:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 14)); // Sunday
        assertThat(la.manifestDate(Instant.parse("2026-12-25T18:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 28)); // Christmas (Fri)
    }

    @Test
    void theCutOffFollowsDaylightSavingTime() {
        assertThat(la.closesAt(LocalDate.of(2026, 7, 1))).isEqualTo(Instant.parse("2026-07-02T00:00:00Z")); // PDT, UTC-7
        assertThat(la.closesAt(LocalDate.of(2026, 12, 1))).isEqualTo(Instant.parse("2026-12-02T01:00:00Z")); // PST, UTC-8
    }

    @Test
    void shippingDaysAreTheWarehouses() {
        ManifestSchedule saturdays = new ManifestSchedule(ZoneId.of("Europe/Berlin"), LocalTime.of(12, 0),
                EnumSet.of(DayOfWeek.SATURDAY), Set.of());
        assertThat(saturdays.manifestDate(Instant.parse("2026-12-07T08:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 12));
        assertThat(saturdays.manifestDate(Instant.parse("2026-12-12T10:59:00Z"))).isEqualTo(LocalDate.of(2026, 12, 12));
        assertThat(saturdays.manifestDate(Instant.parse("2026-12-12T11:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 19));
    }
}
