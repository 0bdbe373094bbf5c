package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_ADMIN;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.RolePermissions;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouse.WarehouseInsights;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.Slotting;
import dev.oms.platform.json.Times;
import dev.oms.domain.order.Address;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 003 section 8: warehouses (address, time zone, location, serviceable regions, capabilities, cut-offs, opening
 * hours, zones), guarded by their own {@code version}; DELETE refused while an open fulfilment names the warehouse;
 * zones, workers and workstations; capacity and slotting advice from the pick events.
 */
final class WarehousesHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/warehouses";
    static final Set<String> FIELDS = Set.of("name", "status", "address", "timezone", "location", "serviceable_regions", "capabilities",
            "cutoffs", "opening_hours", "zones");
    static final Set<String> WAREHOUSE_ROLES = Set.of("picker", "packer", "qc_agent", "warehouse_supervisor", "fulfillment_manager");

    private final WarehouseApi p;
    private final Routes routes;

    WarehousesHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get(BASE, this::list).requires(WAREHOUSE_READ),
                post(BASE, this::create).requires(WAREHOUSE_ADMIN),
                get(BASE + "/{warehouseId}", this::read).requires(WAREHOUSE_READ),
                patch(BASE + "/{warehouseId}", this::update).requires(WAREHOUSE_ADMIN),
                delete(BASE + "/{warehouseId}", this::remove).requires(WAREHOUSE_ADMIN),
                get(BASE + "/{warehouseId}/zones", this::zones).requires(WAREHOUSE_READ),
                post(BASE + "/{warehouseId}/workers", this::worker).requires(WAREHOUSE_ADMIN),
                post(BASE + "/{warehouseId}/workstation", this::workstation).requires(WAREHOUSE_ADMIN),
                get(BASE + "/{warehouseId}/capacity", this::capacity).requires(WAREHOUSE_READ),
                post(BASE + "/{warehouseId}/slotting/recommend", this::slotting).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        var page = r.page(p.cursors, "warehouses");
        return Pages.render(p.warehouses.list(r.command(), page), DynamoWarehouseStore::json, p.cursors, "warehouses");
    }

    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow(FIELDS.toArray(String[]::new));
        Warehouse draft = read(b, null);
        b.check();
        return r.execute(w -> one(201, w), ctx -> p.warehouses.create(ctx, draft));
    }

    private ApiResponse read(ApiRequest r) {
        return one(200, p.warehouses.get(r.command(), r.pathParam("warehouseId")));
    }

    /** Any of the create fields (arrays and objects are replaced whole) and {@code version}. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        List<String> allowed = new ArrayList<>(FIELDS);
        allowed.add("version");
        b.allow(allowed.toArray(String[]::new));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<String> fields = new ArrayList<>();
        for (String f : FIELDS) if (b.node().has(f)) fields.add(f);
        if (fields.isEmpty()) b.error("name", "field.required", "Send at least one field to change");
        Warehouse changes = read(b, fields);
        b.check();
        return r.execute(w -> one(200, w), ctx -> p.warehouses.update(ctx, r.pathParam("warehouseId"), fields, current -> merge(current, changes, fields)));
    }

    private ApiResponse remove(ApiRequest r) {
        return r.execute(w -> ApiResponse.noContent(), ctx -> p.warehouses.delete(ctx, r.pathParam("warehouseId")));
    }

    private ApiResponse zones(ApiRequest r) {
        Warehouse w = p.warehouses.get(r.command(), r.pathParam("warehouseId"));
        ObjectNode body = Json.object();
        body.put("warehouse_id", w.id());
        ArrayNode data = body.putArray("data");
        for (Warehouse.Zone z : w.zones()) data.addObject().put("id", z.id()).put("name", z.name()).put("type", z.type());
        return ApiResponse.ok(body).withVersion(w.version());
    }

    /** {@code {"name", "badge_id", "skills": [...], "roles": ["picker", ...]}}. */
    private ApiResponse worker(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("name", "badge_id", "skills", "roles");
        String name = b.string("name", true, 200);
        String badge = b.string("badge_id", true, 64);
        List<String> skills = b.strings("skills", false, 0, 20, 64);
        List<String> roles = b.strings("roles", true, 1, 5, 32);
        if (roles != null) {
            for (int i = 0; i < roles.size(); i++) {
                if (!WAREHOUSE_ROLES.contains(roles.get(i)) || !RolePermissions.isRole(roles.get(i))) {
                    b.error("roles[" + i + "]", "field.enum", "a warehouse role: " + WAREHOUSE_ROLES.stream().sorted().toList());
                }
            }
        }
        b.check();
        String wh = r.pathParam("warehouseId");
        return r.execute(f -> created(wh, "workers", f), ctx -> p.warehouses.registerWorker(ctx, wh, name, badge, skills == null ? List.of() : skills, roles));
    }

    /** {@code {"type": "pack_station"|"scale"|"print_station"|"qc_station", "name", "zone_id", "max_weight_grams"}}. */
    private ApiResponse workstation(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "name", "zone_id", "max_weight_grams");
        String type = b.oneOf("type", true, WarehouseDirectory.WORKSTATION_TYPES);
        String name = b.string("name", true, 200);
        String zone = b.string("zone_id", false, 64);
        Long max = b.integer("max_weight_grams", false, 1, 10_000_000);
        b.check();
        String wh = r.pathParam("warehouseId");
        return r.execute(f -> created(wh, "workstation", f), ctx -> p.warehouses.createWorkstation(ctx, wh, type, name, zone, max));
    }

    /** {@code ?window_hours=24}: units picked per hour, from the pick events. */
    private ApiResponse capacity(ApiRequest r) {
        Long hours = r.longQuery("window_hours", 1);
        if (hours != null && hours > 720) throw DomainException.invalidField("window_hours", "field.out_of_range", "window_hours is 1 to 720");
        int window = hours == null ? 24 : hours.intValue();
        WarehouseInsights.Capacity c = p.insights.capacity(r.command(), r.pathParam("warehouseId"), window);
        ObjectNode o = Json.object();
        o.put("warehouse_id", c.warehouse().id());
        o.put("window_hours", window);
        o.put("from", Times.format(c.from()));
        o.put("to", Times.format(c.to()));
        o.put("units_picked", c.unitsPicked());
        o.put("scan_batches", c.scanBatches());
        o.put("active_hours", c.activeHours());
        o.put("picks_per_active_hour", c.picksPerActiveHour());
        o.put("peak_picks_per_hour", c.peakPicksPerHour());
        ArrayNode byHour = o.putArray("by_hour");
        c.byHour().forEach((hour, units) -> byHour.addObject().put("hour", Times.format(hour)).put("units", units));
        o.put("truncated", c.truncated());
        return ApiResponse.ok(o);
    }

    /** {@code {"window_days", "bins": [{"id", "distance_to_packing_m"}], "current_bins": {"SKU": "bin"}, "limit"}}. */
    private ApiResponse slotting(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("window_days", "bins", "current_bins", "limit");
        Long days = b.integer("window_days", false, 1, 90);
        Long limit = b.integer("limit", false, 1, 100);
        List<Slotting.Bin> bins = new ArrayList<>();
        List<Body> bs = b.objects("bins", true, 1, 500);
        if (bs != null) {
            for (Body x : bs) {
                x.allow("id", "distance_to_packing_m");
                String id = x.string("id", true, 64);
                Long d = x.integer("distance_to_packing_m", true, 0, 100_000);
                if (id != null && d != null) bins.add(new Slotting.Bin(id, d.intValue()));
            }
        }
        Map<String, String> current = new LinkedHashMap<>();
        Body cb = b.object("current_bins", false);
        if (cb != null) cb.node().properties().forEach(e -> {
            String bin = cb.string(e.getKey(), true, 64);
            if (bin != null) current.put(e.getKey(), bin);
        });
        b.check();
        String wh = r.pathParam("warehouseId");
        int window = days == null ? 30 : days.intValue();
        return r.execute(a -> {
            ObjectNode o = Json.object();
            o.put("warehouse_id", a.warehouse().id());
            o.put("window_days", a.windowDays());
            ObjectNode units = o.putObject("units_by_sku");
            a.unitsBySku().forEach(units::put);
            ArrayNode recs = o.putArray("recommendations");
            for (Slotting.Move m : a.moves()) {
                recs.addObject().put("sku", m.sku()).put("picks", m.picks()).put("velocity_rank", m.velocityRank()).put("from_bin", m.fromBin())
                        .put("to_bin", m.toBin()).put("to_distance_m", m.toDistanceMeters()).put("explanation", m.explanation());
            }
            o.put("truncated", a.truncated());
            return ApiResponse.ok(o);
        }, ctx -> p.insights.slotting(ctx, wh, window, bins, current, limit == null ? 20 : limit.intValue()));
    }

    private static ApiResponse created(String warehouseId, String what, Map<String, Object> fields) {
        return ApiResponse.created(Json.valueToTree(fields), BASE + "/" + warehouseId + "/" + what + "/" + fields.get("id"));
    }

    private static ApiResponse one(int status, Warehouse w) {
        ObjectNode body = DynamoWarehouseStore.json(w);
        ApiResponse res = status == 201 ? ApiResponse.created(body, BASE + "/" + w.id()) : ApiResponse.ok(body);
        return res.withVersion(w.version());
    }

    /** The fields of a create ({@code only} null: name and timezone required) or of a PATCH (only those listed). */
    private static Warehouse read(Body b, List<String> only) {
        boolean create = only == null;
        String name = b.string("name", create, 200);
        String status = b.oneOf("status", false, Set.of(Warehouse.ACTIVE, Warehouse.INACTIVE));
        Address address = b.address("address", create);
        String timezone = b.string("timezone", create, 64);
        Warehouse.Location location = null;
        Body loc = b.object("location", false);
        if (loc != null) {
            loc.allow("latitude", "longitude");
            Double lat = number(loc, "latitude"), lon = number(loc, "longitude");
            if (lat != null && lon != null) location = new Warehouse.Location(lat, lon);
        }
        List<String> regions = b.strings("serviceable_regions", false, 0, 250, 6);
        List<String> caps = b.strings("capabilities", false, 0, 20, 32);
        List<Warehouse.Cutoff> cutoffs = new ArrayList<>();
        List<Body> cs = b.objects("cutoffs", false, 0, 20);
        if (cs != null) {
            for (Body c : cs) {
                c.allow("carrier", "time");
                String carrier = c.string("carrier", false, 64);
                LocalTime t = localTime(c, "time", true);
                if (t != null) cutoffs.add(new Warehouse.Cutoff(carrier, t));
            }
        }
        Map<String, Warehouse.OpeningHours> hours = new LinkedHashMap<>();
        Body oh = b.object("opening_hours", false);
        if (oh != null) {
            oh.node().properties().forEach(e -> {
                Body day = oh.object(e.getKey(), true);
                if (day == null) return;
                day.allow("opens", "closes");
                LocalTime opens = localTime(day, "opens", true), closes = localTime(day, "closes", true);
                if (opens != null && closes != null) hours.put(e.getKey(), new Warehouse.OpeningHours(opens, closes));
            });
        }
        List<Warehouse.Zone> zones = new ArrayList<>();
        List<Body> zs = b.objects("zones", false, 0, 50);
        if (zs != null) {
            for (Body z : zs) {
                z.allow("id", "name", "type");
                String id = z.string("id", true, 64);
                String zname = z.string("name", false, 200);
                String type = z.string("type", true, 32);
                if (id != null && type != null) zones.add(new Warehouse.Zone(id, zname, type));
            }
        }
        return new Warehouse(null, name, status, address, timezone, location, regions, caps, cutoffs, hours, zones, 0, null, null, null, null);
    }

    private static Warehouse merge(Warehouse c, Warehouse x, List<String> fields) {
        return new Warehouse(c.id(), fields.contains("name") ? x.name() : c.name(), fields.contains("status") ? x.status() : c.status(),
                fields.contains("address") ? x.address() : c.address(), fields.contains("timezone") ? x.timezone() : c.timezone(),
                fields.contains("location") ? x.location() : c.location(),
                fields.contains("serviceable_regions") ? x.serviceableRegions() : c.serviceableRegions(),
                fields.contains("capabilities") ? x.capabilities() : c.capabilities(), fields.contains("cutoffs") ? x.cutoffs() : c.cutoffs(),
                fields.contains("opening_hours") ? x.openingHours() : c.openingHours(), fields.contains("zones") ? x.zones() : c.zones(),
                c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
    }

    private static Double number(Body b, String field) {
        var n = b.node().get(field);
        if (n == null || n.isNull()) { b.error(field, "field.required", field + " is required"); return null; }
        if (!n.isNumber()) { b.error(field, "field.type", field + " must be a number"); return null; }
        return n.asDouble();
    }

    private static LocalTime localTime(Body b, String field, boolean required) {
        String s = b.string(field, required, 5);
        if (s == null) return null;
        if (!s.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) { b.error(field, "field.format", field + " is a local time HH:MM"); return null; }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            b.error(field, "field.format", field + " is a local time HH:MM");
            return null;
        }
    }
}
