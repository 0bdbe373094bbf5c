package dev.oms.orders;

import static dev.oms.app.security.Permission.METRICS_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.metrics.DateRange;
import dev.oms.app.metrics.DurationHistogram;
import dev.oms.app.metrics.MetricsService.FulfillmentMetrics;
import dev.oms.app.metrics.MetricsService.WarehouseMetrics;
import dev.oms.app.warehouseops.FulfilmentSlas;
import dev.oms.app.warehouseops.OnTimeShipping;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
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
        this.routes = Routes.of(get("/v1/fulfillment/metrics", this::metrics).requires(METRICS_READ),
                get("/v1/fulfillment/slas", this::slas).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** The ship-by target of {@code ?ship_within_hours=} (one of the on-time histogram's bounds; default 48). */
    private static long target(ApiRequest r) {
        Long hours = r.longQuery("ship_within_hours", 1);
        long target = hours == null ? DEFAULT_SHIP_WITHIN_HOURS : hours;
        if (!OnTimeShipping.targetsInHours().contains(target)) {
            throw DomainException.invalidField("ship_within_hours", "field.not_allowed", "ship_within_hours is one of " + OnTimeShipping.targetsInHours());
        }
        return target;
    }

    /** Ship-by breaches per warehouse and fulfilment: {@code ?ship_within_hours=&warehouse_id=}. */
    private ApiResponse slas(ApiRequest r) {
        long target = target(r);
        String warehouseId = r.query("warehouse_id");
        if (warehouseId != null) p.warehouses.get(r.command(), warehouseId); // 404 warehouse.not_found
        FulfilmentSlas.Report report = p.slas.report(r.command(), Duration.ofHours(target), warehouseId);
        ObjectNode o = Json.object();
        o.put("as_of", Times.format(report.at()));
        o.put("ship_within_hours", target);
        ArrayNode warehouses = o.putArray("warehouses");
        for (FulfilmentSlas.WarehouseSla w : report.warehouses()) {
            ObjectNode x = warehouses.addObject().put("warehouse_id", w.warehouseId()).put("open_count", w.open()).put("breach_count", w.breaches());
            if (w.worstLateBy() == null) x.putNull("max_late_seconds"); else x.put("max_late_seconds", w.worstLateBy().toSeconds());
            x.put("truncated", w.truncated());
        }
        ArrayNode breaches = o.putArray("breaches");
        for (FulfilmentSlas.Breach b : report.breaches()) {
            breaches.addObject().put("fulfillment_id", b.fulfilment().fulfillmentId()).put("order_id", b.fulfilment().orderId())
                    .put("warehouse_id", b.fulfilment().warehouseId()).put("warehouse_status", b.fulfilment().warehouseStatus())
                    .put("created_at", Times.format(b.fulfilment().createdAt())).put("due_at", Times.format(b.dueAt()))
                    .put("due_from", b.fulfilment().requestedShipDate() != null ? "requested_ship_date" : "ship_within_hours")
                    .put("late_seconds", b.lateBy().toSeconds());
        }
        o.put("truncated", report.truncated());
        return ApiResponse.ok(o).withHeader("cache-control", "no-store");
    }

    private ApiResponse metrics(ApiRequest r) {
        DateRange range = DateRange.of(day(r, "from"), day(r, "to"), LocalDate.ofInstant(p.clock.instant(), ZoneOffset.UTC));
        long target = target(r);
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
