package dev.oms.orders;

import static dev.oms.app.security.Permission.METRICS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.metrics.DateRange;
import dev.oms.app.metrics.DurationHistogram;
import dev.oms.app.metrics.MetricsService.FulfillmentMetrics;
import dev.oms.app.metrics.MetricsService.WarehouseMetrics;
import dev.oms.app.warehouseops.OnTimeShipping;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Seed 003 section 15: {@code GET /v1/fulfillment/metrics}, the fulfilment KPIs per warehouse from the per-day counters
 * the stream keeps (docs/metrics.md): pick, pack and ship latency (count, p50, p95, mean) and shipments on time and late
 * against {@code ship_within_hours}. One Query per request; its cost grows with the days asked, not with the events.
 */
public final class FulfillmentMetricsHandler extends ApiHandler {
    static final long DEFAULT_SHIP_WITHIN_HOURS = 48;

    private final WarehouseOpsApi p;
    private final Routes routes;

    public FulfillmentMetricsHandler() { this(WarehouseOpsApi.get()); }

    FulfillmentMetricsHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(get("/v1/fulfillment/metrics", this::metrics).requires(METRICS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse metrics(ApiRequest r) {
        DateRange range = DateRange.of(day(r, "from"), day(r, "to"), LocalDate.ofInstant(p.clock.instant(), ZoneOffset.UTC));
        Long hours = r.longQuery("ship_within_hours", 1);
        long target = hours == null ? DEFAULT_SHIP_WITHIN_HOURS : hours;
        if (!OnTimeShipping.targetsInHours().contains(target)) {
            throw DomainException.invalidField("ship_within_hours", "field.not_allowed", "ship_within_hours is one of " + OnTimeShipping.targetsInHours());
        }
        FulfillmentMetrics f = p.metrics.fulfillment(r.command(), range, r.query("warehouse_id"));
        ObjectNode o = Json.object();
        o.put("from", f.range().from().toString());
        o.put("to", f.range().to().toString());
        o.put("ship_within_hours", target);
        ArrayNode warehouses = o.putArray("warehouses");
        for (WarehouseMetrics w : f.warehouses()) {
            ObjectNode x = warehouses.addObject();
            x.put("warehouse_id", w.warehouseId());
            x.set("pick", latency(w.pick()));
            x.set("pack", latency(w.pack()));
            x.set("ship", latency(w.ship()));
            OnTimeShipping.Split split = OnTimeShipping.of(w.ship(), Duration.ofHours(target));
            x.put("shipped_on_time_count", split.onTime());
            x.put("shipped_late_count", split.late());
            x.put("on_time_ship_rate_bps", split.onTimeRateBps());
        }
        return ApiResponse.ok(o);
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

    /** Count, p50 and p95 (upper bounds of their histogram buckets) and mean, in seconds; nulls when nothing was measured. */
    private static ObjectNode latency(DurationHistogram h) {
        ObjectNode o = Json.object();
        o.put("count", h.count());
        o.put("p50_seconds", h.percentileSeconds(50));
        o.put("p95_seconds", h.percentileSeconds(95));
        o.put("average_seconds", h.averageSeconds());
        return o;
    }
}
