package dev.oms.orders;

import static dev.oms.app.security.Permission.METRICS_READ;
import static dev.oms.app.security.Permission.ORDERS_SEARCH;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.metrics.DailyOrderCounters;
import dev.oms.app.metrics.DateRange;
import dev.oms.app.metrics.DurationHistogram;
import dev.oms.app.metrics.MetricsService;
import dev.oms.domain.DomainException;
import dev.oms.platform.dynamo.DynamoMetricsStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.TreeMap;

/**
 * Seed 000 sections 9 and 15: {@code GET /v1/orders/summary}, {@code /metrics} and {@code /metrics/fulfillment}, read
 * from the counters the stream keeps per tenant, day and channel (docs/metrics.md).
 */
public final class OrderMetricsHandler extends ApiHandler {
    private static final int MAX_QUERY_LENGTH = 128;

    private final OrdersApi p;
    private final MetricsService metrics;
    private final Routes routes;

    public OrderMetricsHandler() { this(OrdersApi.get()); }

    OrderMetricsHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.metrics = new MetricsService(new DynamoMetricsStore(p.table));
        this.routes = Routes.of(
                get("/v1/orders/summary", this::summary).requires(ORDERS_SEARCH),
                get("/v1/orders/metrics", this::metrics).requires(METRICS_READ),
                get("/v1/orders/metrics/fulfillment", this::fulfillment).requires(METRICS_READ),
                get("/v1/admin/metrics/orders", this::adminMetrics).requires(METRICS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse summary(ApiRequest r) {
        var s = metrics.summary(r.command(), range(r), text(r, "channel"));
        ObjectNode o = rangeOf(s.range(), s.channel());
        o.put("orders_count", s.orders());
        var currencies = o.putArray("currencies");
        for (var c : s.currencies()) {
            ObjectNode x = currencies.addObject();
            x.put("currency", c.currency());
            x.put("orders_count", c.orders());
            x.set("revenue", money(c.revenue(), c.currency()));
            x.set("avg_order_value", money(c.averageOrderValue(), c.currency()));
        }
        return ApiResponse.ok(o);
    }

    private ApiResponse metrics(ApiRequest r) {
        var m = metrics.metrics(r.command(), range(r), text(r, "channel"));
        ObjectNode o = rangeOf(m.range(), m.channel());
        var days = o.putArray("days");
        for (DailyOrderCounters d : m.days()) {
            ObjectNode x = days.addObject();
            x.put("date", d.day().toString());
            x.put("orders_count", d.orders());
            var revenue = x.putArray("revenue");
            new TreeMap<>(d.revenueByCurrency()).forEach((c, n) -> revenue.add(money(n, c)));
            x.put("cancelled_count", d.cancelled());
            x.put("returns_count", d.returns());
            x.put("shipments_count", d.shipments());
        }
        var t = m.totals();
        ObjectNode totals = o.putObject("totals");
        totals.put("orders_count", t.orders());
        totals.put("cancelled_count", t.cancelled());
        totals.put("returns_count", t.returns());
        totals.put("shipments_count", t.shipments());
        totals.put("cancellation_rate_bps", t.cancellationRateBps());
        totals.put("return_rate_bps", t.returnRateBps());
        totals.set("lead_time", latency(t.leadTime()));
        totals.set("time_to_ship", latency(t.timeToShip()));
        return ApiResponse.ok(o);
    }

    /** Issue 13's KPIs from the same daily counters: throughput, time to ship, dispute rate, customer service's first responses. */
    private ApiResponse adminMetrics(ApiRequest r) {
        var m = metrics.admin(r.command(), range(r), text(r, "channel"));
        ObjectNode o = rangeOf(m.range(), m.channel());
        var days = o.putArray("days");
        for (DailyOrderCounters d : m.days()) {
            ObjectNode x = days.addObject();
            x.put("date", d.day().toString());
            x.put("orders_count", d.orders());
            x.put("shipments_count", d.shipments());
            x.put("disputes_count", d.disputes());
            x.put("cs_replies_count", d.csFirstResponse().count());
        }
        ObjectNode totals = o.putObject("totals");
        totals.put("orders_count", m.orders());
        long dayCount = m.range().from().datesUntil(m.range().to().plusDays(1)).count();
        totals.put("orders_per_day", dayCount == 0 ? 0 : (m.orders() + dayCount / 2) / dayCount);
        totals.put("shipments_count", m.shipments());
        totals.put("disputes_count", m.disputes());
        totals.put("dispute_rate_bps", m.disputeRateBps());
        totals.set("time_to_ship", latency(m.timeToShip()));
        totals.set("cs_first_response", latency(m.csFirstResponse()));
        totals.set("case_resolution", latency(m.caseResolution()));
        return ApiResponse.ok(o);
    }

    private ApiResponse fulfillment(ApiRequest r) {
        var f = metrics.fulfillment(r.command(), range(r), text(r, "warehouse_id"));
        ObjectNode o = Json.object();
        o.put("from", f.range().from().toString());
        o.put("to", f.range().to().toString());
        var warehouses = o.putArray("warehouses");
        for (var w : f.warehouses()) {
            ObjectNode x = warehouses.addObject();
            x.put("warehouse_id", w.warehouseId());
            x.set("pick", latency(w.pick()));
            x.set("pack", latency(w.pack()));
            x.set("ship", latency(w.ship()));
        }
        return ApiResponse.ok(o);
    }

    private DateRange range(ApiRequest r) {
        return DateRange.of(day(r, "from"), day(r, "to"), LocalDate.ofInstant(p.clock.instant(), ZoneOffset.UTC));
    }

    private static LocalDate day(ApiRequest r, String name) {
        String v = r.query(name);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField(name, "field.type", name + " must be a day such as 2026-12-01 (UTC)");
        }
    }

    private static String text(ApiRequest r, String name) {
        String v = r.query(name);
        if (v != null && (v.isBlank() || v.length() > MAX_QUERY_LENGTH)) {
            throw DomainException.invalidField(name, "field.too_long", name + " must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        return v;
    }

    private static ObjectNode rangeOf(DateRange range, String channel) {
        ObjectNode o = Json.object();
        o.put("from", range.from().toString());
        o.put("to", range.to().toString());
        o.put("channel", channel);
        return o;
    }

    private static ObjectNode money(long amount, String currency) {
        ObjectNode m = Json.object();
        m.put("amount", amount);
        m.put("currency", currency);
        return m;
    }

    /** Count, p50 and p90 (upper bounds of their histogram buckets) and mean, in seconds; nulls when nothing was measured. */
    private static ObjectNode latency(DurationHistogram h) {
        ObjectNode o = Json.object();
        o.put("count", h.count());
        o.put("p50_seconds", h.percentileSeconds(50));
        o.put("p90_seconds", h.percentileSeconds(90));
        o.put("average_seconds", h.averageSeconds());
        return o;
    }

}
