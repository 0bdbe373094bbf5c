package dev.oms.app.metrics;

import java.time.LocalDate;
import java.util.Map;

/**
 * One day's counters of a tenant for one channel (or all): orders created and their revenue per currency (totals at
 * creation, minor units), full cancellations, returns opened, shipments, and per shipment the time from the order's
 * confirmation (lead time) and from its creation (time to ship); payment disputes opened, and customer service's first
 * responses to customers' messages (how long each waited).
 */
public record DailyOrderCounters(LocalDate day, Map<String, Long> ordersByCurrency, Map<String, Long> revenueByCurrency,
                                 long cancelled, long returns, long shipments, DurationHistogram leadTime,
                                 DurationHistogram timeToShip, long disputes, DurationHistogram csFirstResponse,
                                 DurationHistogram caseResolution) {
    public DailyOrderCounters {
        ordersByCurrency = Map.copyOf(ordersByCurrency);
        revenueByCurrency = Map.copyOf(revenueByCurrency);
        csFirstResponse = csFirstResponse == null ? DurationHistogram.empty() : csFirstResponse;
        caseResolution = caseResolution == null ? DurationHistogram.empty() : caseResolution;
    }

    /** Without the admin counters (disputes, customer-service first responses). */
    public DailyOrderCounters(LocalDate day, Map<String, Long> ordersByCurrency, Map<String, Long> revenueByCurrency,
                              long cancelled, long returns, long shipments, DurationHistogram leadTime, DurationHistogram timeToShip) {
        this(day, ordersByCurrency, revenueByCurrency, cancelled, returns, shipments, leadTime, timeToShip, 0, DurationHistogram.empty(),
                DurationHistogram.empty());
    }

    public long orders() { return ordersByCurrency.values().stream().mapToLong(Long::longValue).sum(); }
}
