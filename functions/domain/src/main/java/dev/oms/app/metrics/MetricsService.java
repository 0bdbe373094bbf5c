package dev.oms.app.metrics;

import dev.oms.app.CommandContext;
import dev.oms.app.port.MetricsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/orders/summary}, {@code /metrics} and {@code /metrics/fulfillment}: sums of the per-day counters,
 * so their cost grows with the days asked for, not with the orders. Money stays integer minor units per currency.
 */
public final class MetricsService {
    private final MetricsStore store;

    public MetricsService(MetricsStore store) { this.store = store; }

    public record CurrencySummary(String currency, long orders, long revenue, long averageOrderValue) { }

    public record Summary(DateRange range, String channel, long orders, List<CurrencySummary> currencies) { }

    public record Totals(long orders, long cancelled, long returns, long shipments, Long cancellationRateBps,
                         Long returnRateBps, DurationHistogram leadTime, DurationHistogram timeToShip) { }

    public record Metrics(DateRange range, String channel, List<DailyOrderCounters> days, Totals totals) { }

    public record WarehouseMetrics(String warehouseId, DurationHistogram pick, DurationHistogram pack, DurationHistogram ship) { }

    public record FulfillmentMetrics(DateRange range, List<WarehouseMetrics> warehouses) { }

    public Summary summary(CommandContext ctx, DateRange range, String channel) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (DailyOrderCounters d : store.orderDays(ctx.tenantId(), channel, range.from(), range.to())) {
            d.ordersByCurrency().forEach((c, n) -> byCurrency.computeIfAbsent(c, k -> new long[2])[0] += n);
            d.revenueByCurrency().forEach((c, n) -> byCurrency.computeIfAbsent(c, k -> new long[2])[1] += n);
        }
        List<CurrencySummary> currencies = new ArrayList<>();
        long orders = 0;
        for (var e : byCurrency.entrySet()) {
            long n = e.getValue()[0];
            long revenue = e.getValue()[1];
            orders += n;
            currencies.add(new CurrencySummary(e.getKey(), n, revenue, averageMinor(revenue, n)));
        }
        return new Summary(range, channel, orders, currencies);
    }

    public Metrics metrics(CommandContext ctx, DateRange range, String channel) {
        List<DailyOrderCounters> days = store.orderDays(ctx.tenantId(), channel, range.from(), range.to());
        long orders = 0, cancelled = 0, returns = 0, shipments = 0;
        DurationHistogram lead = DurationHistogram.empty(), tts = DurationHistogram.empty();
        for (DailyOrderCounters d : days) {
            orders += d.orders();
            cancelled += d.cancelled();
            returns += d.returns();
            shipments += d.shipments();
            lead = lead.plus(d.leadTime());
            tts = tts.plus(d.timeToShip());
        }
        return new Metrics(range, channel, days, new Totals(orders, cancelled, returns, shipments, bps(cancelled, orders),
                bps(returns, orders), lead, tts));
    }

    /** The admin KPIs of a range: throughput per day, time to ship, dispute rate, customer service's first responses. */
    public record AdminOrderMetrics(DateRange range, String channel, List<DailyOrderCounters> days, long orders, long shipments,
                                    long disputes, Long disputeRateBps, DurationHistogram timeToShip, DurationHistogram csFirstResponse,
                                    DurationHistogram caseResolution) { }

    public AdminOrderMetrics admin(CommandContext ctx, DateRange range, String channel) {
        List<DailyOrderCounters> days = store.orderDays(ctx.tenantId(), channel, range.from(), range.to());
        long orders = 0, shipments = 0, disputes = 0;
        DurationHistogram tts = DurationHistogram.empty(), csr = DurationHistogram.empty(), res = DurationHistogram.empty();
        for (DailyOrderCounters d : days) {
            orders += d.orders();
            shipments += d.shipments();
            disputes += d.disputes();
            tts = tts.plus(d.timeToShip());
            csr = csr.plus(d.csFirstResponse());
            res = res.plus(d.caseResolution());
        }
        return new AdminOrderMetrics(range, channel, days, orders, shipments, disputes, bps(disputes, orders), tts, csr, res);
    }

    public FulfillmentMetrics fulfillment(CommandContext ctx, DateRange range, String warehouseId) {
        Map<String, WarehouseMetrics> byWarehouse = new TreeMap<>();
        for (DailyWarehouseCounters d : store.warehouseDays(ctx.tenantId(), warehouseId, range.from(), range.to())) {
            byWarehouse.merge(d.warehouseId(), new WarehouseMetrics(d.warehouseId(), d.pick(), d.pack(), d.ship()),
                    (a, b) -> new WarehouseMetrics(a.warehouseId(), a.pick().plus(b.pick()), a.pack().plus(b.pack()), a.ship().plus(b.ship())));
        }
        return new FulfillmentMetrics(range, List.copyOf(byWarehouse.values()));
    }

    /** The average in minor units, rounded half up (revenue is never negative). */
    static long averageMinor(long revenue, long count) { return count == 0 ? 0 : (revenue + count / 2) / count; }

    /** A share in basis points (1/100 of a percent), rounded half up; null when nothing to divide by. */
    static Long bps(long part, long whole) { return whole == 0 ? null : (part * 10_000 + whole / 2) / whole; }
}
