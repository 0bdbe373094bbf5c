package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_PICK;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.AllocationStrategy;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.platform.dynamo.DynamoAllocationStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 003 section 2: allocations of fulfilments through the inventory port ({@link WarehouseAllocations}): request (with
 * a strategy), read, confirm-pick (idempotent), release (once the fulfilment is cancelled, or while it awaits stock), and
 * bulk: a synchronous, bounded batch with a result per fulfilment (docs/fulfillment-service.md says why not a job).
 */
final class AllocationsHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/allocations";
    static final int MAX_BULK = 25;
    static final Set<String> STRATEGIES = Set.of("nearest_warehouse", "fifo", "lot_expiry");

    private final WarehouseApi p;
    private final Routes routes;

    AllocationsHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(BASE + "/request", this::request).requires(WAREHOUSE_WRITE),
                get(BASE + "/{allocationId}", this::read).requires(WAREHOUSE_READ),
                post(BASE + "/{allocationId}/confirm-pick", this::confirmPick).requires(WAREHOUSE_PICK),
                post(BASE + "/{allocationId}/release", this::release).requires(WAREHOUSE_WRITE),
                post(BASE + "/bulk", this::bulk).requires(WAREHOUSE_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"fulfillment_id", "strategy", "ship_date": "2026-12-05", "min_shelf_life_days", "shelf_life_by_sku": {"SKU": 30},
     * "destination": {"latitude", "longitude"}}}.
     */
    private ApiResponse request(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "strategy", "ship_date", "min_shelf_life_days", "shelf_life_by_sku", "destination");
        WarehouseAllocations.Request req = read(b);
        b.check();
        return r.execute(res -> ApiResponse.created(view(res), BASE + "/" + res.allocation().id()).withVersion(res.allocation().version()),
                ctx -> p.allocations.request(ctx, req));
    }

    private ApiResponse read(ApiRequest r) {
        var a = p.allocations.get(r.command(), r.pathParam("allocationId"));
        return ApiResponse.ok(DynamoAllocationStore.json(a)).withVersion(a.version());
    }

    /** {@code {"pick_confirmation_id"}} (optional; one is made when absent). */
    private ApiResponse confirmPick(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("pick_confirmation_id");
        String confirmation = b.string("pick_confirmation_id", false, 64);
        b.check();
        return r.execute(res -> ApiResponse.ok(view(res)).withVersion(res.allocation().version()),
                ctx -> p.allocations.confirmPick(ctx, r.pathParam("allocationId"), confirmation));
    }

    /** {@code {"reason"}} (optional). */
    private ApiResponse release(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        return r.execute(res -> ApiResponse.ok(view(res)).withVersion(res.allocation().version()),
                ctx -> p.allocations.release(ctx.withReason(reason), r.pathParam("allocationId"), reason));
    }

    /**
     * {@code {"requests": [{...as request...}]}} (1 to {@value #MAX_BULK}): each allocated in turn, each answered
     * ({@code allocated}, {@code partial}, {@code failed} with the allocation, or {@code error} with the problem's code);
     * one failing never stops the others.
     */
    private ApiResponse bulk(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("requests");
        List<Body> entries = b.objects("requests", true, 1, MAX_BULK);
        List<WarehouseAllocations.Request> reqs = new ArrayList<>();
        if (entries != null) {
            for (Body e : entries) {
                e.allow("fulfillment_id", "strategy", "ship_date", "min_shelf_life_days", "shelf_life_by_sku", "destination");
                reqs.add(read(e));
            }
        }
        b.check();
        return r.execute(ApiResponse::ok, ctx -> {
            ObjectNode out = Json.object();
            ArrayNode results = out.putArray("results");
            int ok = 0;
            CommandContext each = ctx.withoutJournal().onLatestVersion();
            for (WarehouseAllocations.Request q : reqs) {
                ObjectNode x = results.addObject().put("fulfillment_id", q.fulfillmentId());
                try {
                    var res = p.allocations.request(each, q);
                    x.put("outcome", res.allocation().status().wire());
                    x.set("allocation", DynamoAllocationStore.json(res.allocation()));
                    ok++;
                } catch (DomainException e) {
                    x.put("outcome", "error");
                    x.putObject("error").put("code", e.code()).put("detail", e.getMessage());
                }
            }
            out.put("requested", reqs.size());
            out.put("succeeded", ok);
            out.put("failed", reqs.size() - ok);
            return out;
        });
    }

    private static WarehouseAllocations.Request read(Body b) {
        String fid = b.string("fulfillment_id", true, 128);
        String strategy = b.oneOf("strategy", false, STRATEGIES);
        LocalDate shipDate = null;
        String d = b.string("ship_date", false, 10);
        if (d != null) {
            try {
                shipDate = LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                b.error("ship_date", "field.format", "ship_date is a date such as 2026-12-05");
            }
        }
        Long shelf = b.integer("min_shelf_life_days", false, 0, 3650);
        Map<String, Integer> bySku = new LinkedHashMap<>();
        Body s = b.object("shelf_life_by_sku", false);
        if (s != null) {
            s.node().properties().forEach(e -> {
                Long v = s.integer(e.getKey(), true, 0, 3650);
                if (v != null) bySku.put(e.getKey(), v.intValue());
            });
        }
        Warehouse.Location to = null;
        Body dest = b.object("destination", false);
        if (dest != null) {
            dest.allow("latitude", "longitude");
            var lat = dest.node().get("latitude");
            var lon = dest.node().get("longitude");
            if (lat == null || !lat.isNumber() || Math.abs(lat.asDouble()) > 90) dest.error("latitude", "field.type", "latitude is a number within ±90");
            else if (lon == null || !lon.isNumber() || Math.abs(lon.asDouble()) > 180) dest.error("longitude", "field.type", "longitude is a number within ±180");
            else to = new Warehouse.Location(lat.asDouble(), lon.asDouble());
        }
        return new WarehouseAllocations.Request(fid, strategy == null ? AllocationStrategy.NEAREST_WAREHOUSE : AllocationStrategy.fromWire(strategy),
                shipDate, shelf == null ? 0 : shelf.intValue(), bySku, to);
    }

    private static ObjectNode view(WarehouseAllocations.Result res) {
        ObjectNode o = DynamoAllocationStore.json(res.allocation());
        o.put("fulfillment_warehouse_status", res.fulfillment().warehouseStatus().wire());
        return o;
    }
}
