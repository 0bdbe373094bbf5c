package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_PICK;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouse.WarehousePicking;
import dev.oms.domain.warehouse.Picklist;
import dev.oms.domain.warehouse.Picklists;
import dev.oms.domain.warehouse.ScanBatch;
import dev.oms.platform.dynamo.DynamoPicklistStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.views.WarehouseRequests;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 section 3: pick lists (waves) of allocated fulfilments ({@link WarehousePicking}): create, read, assign,
 * start, scan in batches (an outcome per scan), complete, tasks per location, re-bin, adjust short lines.
 */
final class PicklistsHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/picklists";

    private final WarehouseApi p;
    private final Routes routes;

    PicklistsHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(BASE, this::create).requires(WAREHOUSE_WRITE),
                get(BASE + "/{picklistId}", this::read).requires(WAREHOUSE_READ),
                post(BASE + "/{picklistId}/assign", this::assign).requires(WAREHOUSE_WRITE),
                post(BASE + "/{picklistId}/start", this::start).requires(WAREHOUSE_PICK),
                post(BASE + "/{picklistId}/scan", this::scan).requires(WAREHOUSE_PICK),
                post(BASE + "/{picklistId}/complete", this::complete).requires(WAREHOUSE_PICK),
                get(BASE + "/{picklistId}/tasks", this::tasks).requires(WAREHOUSE_READ),
                post(BASE + "/{picklistId}/rebin", this::rebin).requires(WAREHOUSE_PICK),
                post(BASE + "/{picklistId}/adjust", this::adjust).requires(WAREHOUSE_PICK));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"warehouse_id", "fulfillment_ids": [...], "priority", "picker_group", "serial_tracked_skus": [...]}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        WarehouseRequests.Picklist pl = WarehouseRequests.picklist(b);
        b.check();
        p.warehouses.get(r.command(), pl.warehouseId());
        return r.execute(x -> ApiResponse.created(DynamoPicklistStore.json(x), BASE + "/" + x.id()).withVersion(x.version()),
                ctx -> p.picking.create(ctx, pl.warehouseId(), pl.fulfillmentIds(), pl.priority(), pl.zone(), pl.serialSkus()));
    }

    private ApiResponse read(ApiRequest r) { return one(p.picking.get(r.command(), r.pathParam("picklistId"))); }

    /** {@code {"worker_id", "device_id", "version"}}. */
    private ApiResponse assign(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("worker_id", "device_id", "version");
        String worker = b.string("worker_id", true, 128);
        String device = b.string("device_id", false, 128);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(PicklistsHandler::one, ctx -> p.picking.assign(ctx, r.pathParam("picklistId"), worker, device));
    }

    private ApiResponse start(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(PicklistsHandler::one, ctx -> p.picking.start(ctx, r.pathParam("picklistId")));
    }

    /** {@code {"scans": [{"scan_id", "location_id", "sku", "lot", "serial", "qty", "timestamp", "shortage"}]}} (1 to 100). */
    private ApiResponse scan(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("scans");
        List<ScanBatch.Scan> scans = new ArrayList<>();
        List<Body> entries = b.objects("scans", true, 1, ScanBatch.MAX_SCANS);
        if (entries != null) {
            for (Body s : entries) {
                s.allow("scan_id", "location_id", "sku", "lot", "serial", "qty", "timestamp", "shortage");
                String id = s.string("scan_id", true, 128);
                String loc = s.string("location_id", true, 64);
                String sku = s.string("sku", true, 64);
                String lot = s.string("lot", false, 64);
                String serial = s.string("serial", false, 128);
                Long qty = s.integer("qty", true, 0, 100_000);
                Instant at = s.time("timestamp", false);
                Boolean shortage = s.bool("shortage", false);
                if (id != null && loc != null && sku != null && qty != null) {
                    scans.add(new ScanBatch.Scan(id, loc, sku, lot, serial, qty, at, Boolean.TRUE.equals(shortage)));
                }
            }
            if (scans.stream().map(ScanBatch.Scan::scanId).distinct().count() != scans.size() && b.errors().isEmpty()) {
                b.error("scans", "scans.duplicate_id", "Each scan of a batch has its own scan_id");
            }
        }
        b.check();
        return r.execute(res -> {
            ObjectNode o = Json.object();
            o.put("picklist_id", res.picklist().id());
            ArrayNode results = o.putArray("results");
            for (ScanBatch.Result x : res.results()) {
                results.addObject().put("scan_id", x.scanId()).put("outcome", x.outcome().wire()).put("line_id", x.lineId()).put("replayed", x.replayed());
            }
            o.set("picklist", DynamoPicklistStore.json(res.picklist()));
            return ApiResponse.ok(o).withVersion(res.picklist().version());
        }, ctx -> p.picking.scan(ctx, r.pathParam("picklistId"), scans));
    }

    /** {@code {"pick_confirmation_id"}} (optional). */
    private ApiResponse complete(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("pick_confirmation_id", "version");
        String confirmation = b.string("pick_confirmation_id", false, 64);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(PicklistsHandler::one, ctx -> p.picking.complete(ctx, r.pathParam("picklistId"), confirmation));
    }

    /** The lines to pick grouped by location in pick-path order, for the assigned worker. */
    private ApiResponse tasks(ApiRequest r) {
        Picklist pl = p.picking.get(r.command(), r.pathParam("picklistId"));
        ObjectNode o = Json.object();
        o.put("picklist_id", pl.id());
        o.put("worker_id", pl.workerId());
        o.put("device_id", pl.deviceId());
        ArrayNode tasks = o.putArray("tasks");
        Map<String, List<Picklist.Line>> byLocation = new LinkedHashMap<>();
        for (Picklist.Line l : pl.lines()) byLocation.computeIfAbsent(l.locationId(), k -> new ArrayList<>()).add(l);
        int seq = 1;
        for (Map.Entry<String, List<Picklist.Line>> e : byLocation.entrySet()) {
            ObjectNode t = tasks.addObject().put("sequence", seq++).put("location_id", e.getKey());
            ArrayNode items = t.putArray("items");
            long open = 0;
            for (Picklist.Line l : e.getValue()) {
                items.addObject().put("line_id", l.id()).put("sku", l.sku()).put("lot", l.lot()).put("quantity", l.quantity()).put("picked", l.picked())
                        .put("open", l.open()).put("serial_tracked", l.serialTracked());
                open += l.open();
            }
            t.put("status", open == 0 ? "done" : "open");
        }
        return ApiResponse.ok(o).withVersion(pl.version());
    }

    /** {@code {"line_id", "quantity", "to_location_id", "reason", "version"}}. */
    private ApiResponse rebin(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("line_id", "quantity", "to_location_id", "reason", "version");
        String line = b.string("line_id", true, 32);
        Long qty = b.integer("quantity", true, 1, 100_000);
        String to = b.string("to_location_id", true, 64);
        String reason = b.string("reason", false, 200);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(PicklistsHandler::one, ctx -> p.picking.rebin(ctx, r.pathParam("picklistId"), line, qty, to, reason));
    }

    /** {@code {"lines": [{"line_id", "reason"}], "version"}}: each open line reported short with a reason. */
    private ApiResponse adjust(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "version");
        Map<String, String> reasons = new LinkedHashMap<>();
        List<Body> lines = b.objects("lines", true, 1, 200);
        if (lines != null) {
            for (Body l : lines) {
                l.allow("line_id", "reason");
                String id = l.string("line_id", true, 32);
                String reason = l.oneOf("reason", true, Picklists.SHORT_REASONS);
                if (id != null && reason != null && reasons.put(id, reason) != null) l.error("line_id", "field.repeated", "Name each line once");
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(PicklistsHandler::one, ctx -> p.picking.adjust(ctx, r.pathParam("picklistId"), reasons));
    }

    private static ApiResponse one(Picklist x) { return ApiResponse.ok(DynamoPicklistStore.json(x)).withVersion(x.version()); }
}
