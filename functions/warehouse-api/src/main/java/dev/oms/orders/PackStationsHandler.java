package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_PACK;
import static dev.oms.app.security.Permission.WAREHOUSE_WRITE;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouse.WarehousePacking;
import dev.oms.domain.warehouse.PackagingAdvisor;
import dev.oms.domain.warehouse.pack.PackStation;
import dev.oms.domain.warehouse.pack.PackedPackage;
import dev.oms.domain.warehouse.pack.Packing;
import dev.oms.platform.dynamo.DynamoPackingStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003 section 3, pack stations ({@link WarehousePacking}): open a session (one per station; the packaging advice
 * for a fulfilment's units), pack picked units into packages, seal a package (the fulfilment is {@code ready_to_ship}
 * once every picked unit is sealed).
 */
final class PackStationsHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/pack-stations/{stationId}";

    private final WarehouseApi p;
    private final Routes routes;

    PackStationsHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(BASE + "/open-session", this::open).requires(WAREHOUSE_PACK),
                post(BASE + "/pack", this::pack).requires(WAREHOUSE_PACK),
                post(BASE + "/seal", this::seal).requires(WAREHOUSE_PACK));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"warehouse_id", "worker_id", "device_id", "take_over", "fulfillment_id", "unit_sizes": [...]}}. */
    private ApiResponse open(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "worker_id", "device_id", "take_over", "fulfillment_id", "unit_sizes");
        String wh = b.string("warehouse_id", true, 64);
        String worker = b.string("worker_id", false, 128);
        String device = b.string("device_id", false, 128);
        boolean takeOver = Boolean.TRUE.equals(b.bool("take_over", false));
        String fid = b.string("fulfillment_id", false, 128);
        List<WarehousePacking.UnitSize> sizes = new ArrayList<>();
        List<Body> entries = b.objects("unit_sizes", false, 1, 100);
        if (entries != null) {
            for (Body s : entries) {
                s.allow("sku", "length_mm", "width_mm", "height_mm", "weight_grams");
                String sku = s.string("sku", true, 64);
                Long l = s.integer("length_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
                Long w = s.integer("width_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
                Long h = s.integer("height_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
                Long g = s.integer("weight_grams", true, 0, PackedPackage.MAX_WEIGHT_GRAMS);
                if (sku != null && l != null && w != null && h != null && g != null) sizes.add(new WarehousePacking.UnitSize(sku, l.intValue(), w.intValue(), h.intValue(), g));
            }
        }
        if (entries != null && fid == null) b.error("unit_sizes", "field.requires", "unit_sizes are given with the fulfillment_id they describe");
        b.check();
        if (takeOver && !r.caller().can(WAREHOUSE_WRITE)) {
            throw new ApiProblem(403, "auth.forbidden", "Taking a pack station over needs warehouse:write", "Ask a warehouse supervisor.");
        }
        return r.execute(x -> ApiResponse.ok(session(x)).withVersion(x.station().version()),
                ctx -> p.packing.openSession(ctx, r.pathParam("stationId"), wh, worker, device, takeOver, fid, sizes));
    }

    /** {@code {"fulfillment_id", "packages": [{"weight_grams", "dimensions", "items": [{"order_line_id", "sku", "quantity", "serials"}]}]}}. */
    private ApiResponse pack(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "packages");
        String fid = b.string("fulfillment_id", true, 128);
        List<Packing.Draft> drafts = new ArrayList<>();
        List<Body> packages = b.objects("packages", true, 1, 20);
        if (packages != null) {
            for (Body x : packages) {
                x.allow("weight_grams", "dimensions", "items");
                Long weight = x.integer("weight_grams", false, 1, PackedPackage.MAX_WEIGHT_GRAMS);
                PackedPackage.Dimensions dims = dimensions(x);
                List<PackedPackage.Item> items = new ArrayList<>();
                List<Body> is = x.objects("items", true, 1, PackedPackage.MAX_ITEMS);
                if (is != null) {
                    for (Body i : is) {
                        i.allow("order_line_id", "sku", "quantity", "serials");
                        String line = i.string("order_line_id", true, 64);
                        String sku = i.string("sku", false, 64);
                        Long qty = i.integer("quantity", true, 1, 100_000);
                        List<String> serials = i.strings("serials", false, 0, 1_000, 128);
                        if (line != null && qty != null) items.add(new PackedPackage.Item(line, sku, qty, serials));
                    }
                }
                drafts.add(new Packing.Draft(items, weight == null ? null : weight.intValue(), dims));
            }
        }
        b.check();
        return r.execute(x -> {
            ObjectNode o = Json.object();
            o.put("fulfillment_id", x.packing().fulfillmentId()).put("order_id", x.packing().orderId()).put("fulfillment_warehouse_status", x.fulfillmentStatus().wire());
            ArrayNode a = o.putArray("packages");
            for (PackedPackage pk : x.packages()) a.add(DynamoPackingStore.packageJson(pk));
            o.put("version", x.packing().version());
            return ApiResponse.created(o, "/v1/fulfillment/fulfillments/" + x.packing().fulfillmentId()).withVersion(x.packing().version());
        }, ctx -> p.packing.pack(ctx, r.pathParam("stationId"), fid, drafts));
    }

    /** {@code {"fulfillment_id", "package_id", "weight_grams", "dimensions"}}. */
    private ApiResponse seal(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "package_id", "weight_grams", "dimensions");
        String fid = b.string("fulfillment_id", true, 128);
        String pkg = b.string("package_id", true, 64);
        Long weight = b.integer("weight_grams", false, 1, PackedPackage.MAX_WEIGHT_GRAMS);
        PackedPackage.Dimensions dims = dimensions(b);
        b.check();
        return r.execute(x -> {
            ObjectNode o = DynamoPackingStore.packageJson(x.pkg());
            o.put("fulfillment_id", x.packing().fulfillmentId()).put("order_id", x.packing().orderId())
                    .put("fulfillment_warehouse_status", x.fulfillmentStatus().wire());
            return ApiResponse.ok(o).withVersion(x.packing().version());
        }, ctx -> p.packing.seal(ctx, r.pathParam("stationId"), fid, pkg, weight == null ? null : weight.intValue(), dims));
    }

    private static PackedPackage.Dimensions dimensions(Body b) {
        Body d = b.object("dimensions", false);
        if (d == null) return null;
        d.allow("length_mm", "width_mm", "height_mm");
        Long l = d.integer("length_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
        Long w = d.integer("width_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
        Long h = d.integer("height_mm", true, 1, PackedPackage.MAX_DIMENSION_MM);
        return l == null || w == null || h == null ? null : new PackedPackage.Dimensions(l.intValue(), w.intValue(), h.intValue());
    }

    private static ObjectNode session(WarehousePacking.Opened x) {
        PackStation st = x.station();
        PackStation.Session s = st.session();
        ObjectNode o = Json.object();
        o.put("station_id", st.id()).put("warehouse_id", st.warehouseId());
        o.putObject("session").put("id", s.id()).put("held_by", s.holder()).put("worker_id", s.workerId()).put("device_id", s.deviceId())
                .put("opened_at", Times.format(s.openedAt())).put("ends_at", Times.format(s.openedAt().plus(PackStation.SHIFT)));
        if (x.recommendation() == null) {
            o.putNull("recommendation");
        } else {
            ObjectNode rec = o.putObject("recommendation");
            ArrayNode boxes = rec.putArray("boxes");
            for (PackagingAdvisor.Box bx : x.recommendation().boxes()) {
                ObjectNode y = boxes.addObject().put("packaging_profile_id", bx.profileId()).put("weight_grams", bx.weightGrams()).put("fill_percent", bx.fillPercent());
                bx.skus().forEach(y.putArray("skus")::add);
            }
            x.recommendation().unpackable().forEach(rec.putArray("unpackable")::add);
        }
        o.put("version", st.version());
        return o;
    }
}
