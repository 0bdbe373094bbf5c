package dev.oms.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.CommandContext;
import dev.oms.app.port.MetricsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {
    static final LocalDate D1 = LocalDate.parse("2026-12-01"), D2 = LocalDate.parse("2026-12-02");
    final CommandContext ctx = new CommandContext(new Caller("t1", "sup", "agent", Set.of("supervisor"), null, null), "corr", null, null, null);
    final List<String> asked = new ArrayList<>();

    final MetricsStore store = new MetricsStore() {
        @Override
        public List<DailyOrderCounters> orderDays(String tenantId, String channel, LocalDate from, LocalDate to) {
            asked.add(tenantId + "|" + channel + "|" + from + "|" + to);
            return List.of(
                    new DailyOrderCounters(D1, Map.of("GBP", 2L, "JPY", 1L), Map.of("GBP", 1001L, "JPY", 5000L), 1, 0, 1,
                            DurationHistogramTest.of(Duration.ofHours(1)), DurationHistogram.empty()),
                    new DailyOrderCounters(D2, Map.of("GBP", 1L), Map.of("GBP", 500L), 0, 2, 1,
                            DurationHistogramTest.of(Duration.ofDays(2)), DurationHistogram.empty()));
        }

        @Override
        public List<DailyWarehouseCounters> warehouseDays(String tenantId, String warehouseId, LocalDate from, LocalDate to) {
            DurationHistogram m = DurationHistogramTest.of(Duration.ofMinutes(20));
            return List.of(new DailyWarehouseCounters(D1, "wh_b", m, m, m), new DailyWarehouseCounters(D1, "wh_a", m, m, m),
                    new DailyWarehouseCounters(D2, "wh_b", m, DurationHistogram.empty(), m));
        }
    };
    final MetricsService service = new MetricsService(store);

    @Test
    void theSummaryAddsDaysPerCurrencyAndRoundsTheAverageHalfUp() {
        var s = service.summary(ctx, new DateRange(D1, D2), "web");
        assertThat(asked).containsExactly("t1|web|2026-12-01|2026-12-02");
        assertThat(s.orders()).isEqualTo(4);
        assertThat(s.currencies()).containsExactly(
                new MetricsService.CurrencySummary("GBP", 3, 1501, 500),
                new MetricsService.CurrencySummary("JPY", 1, 5000, 5000));
        assertThat(MetricsService.averageMinor(1001, 2)).isEqualTo(501);
        assertThat(MetricsService.averageMinor(0, 0)).isZero();
    }

    @Test
    void metricsGiveRatesInBasisPointsAndCombinedHistograms() {
        var m = service.metrics(ctx, new DateRange(D1, D2), null);
        assertThat(m.totals().orders()).isEqualTo(4);
        assertThat(m.totals().cancellationRateBps()).isEqualTo(2500);
        assertThat(m.totals().returnRateBps()).isEqualTo(5000);
        assertThat(m.totals().shipments()).isEqualTo(2);
        assertThat(m.totals().leadTime().count()).isEqualTo(2);
        assertThat(m.totals().leadTime().percentileSeconds(50)).isEqualTo(3600);
        assertThat(m.totals().leadTime().percentileSeconds(90)).isEqualTo(172800);
        assertThat(MetricsService.bps(1, 3)).isEqualTo(3333);
        assertThat(MetricsService.bps(2, 3)).isEqualTo(6667);
        assertThat(MetricsService.bps(1, 0)).isNull();
    }

    @Test
    void fulfilmentMetricsAreGroupedPerWarehouseInOrder() {
        var f = service.fulfillment(ctx, new DateRange(D1, D2), null);
        assertThat(f.warehouses()).extracting(MetricsService.WarehouseMetrics::warehouseId).containsExactly("wh_a", "wh_b");
        var b = f.warehouses().get(1);
        assertThat(b.pick().count()).isEqualTo(2);
        assertThat(b.pack().count()).isEqualTo(1);
        assertThat(b.ship().percentileSeconds(50)).isEqualTo(1800);
    }

    @Test
    void rangesDefaultToThirtyDaysAndRefuseInvertedOrLongOnes() {
        LocalDate today = LocalDate.parse("2026-12-04");
        assertThat(DateRange.of(null, null, today)).isEqualTo(new DateRange(LocalDate.parse("2026-11-05"), today));
        assertThat(DateRange.of(D1, null, today).to()).isEqualTo(LocalDate.parse("2026-12-30"));
        assertThat(DateRange.of(null, D1, today).from()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(DateRange.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"), today).days()).isEqualTo(366);
        assertThatThrownBy(() -> DateRange.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-02"), today))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> DateRange.of(D2, D1, today)).isInstanceOf(DomainException.class);
    }
}
