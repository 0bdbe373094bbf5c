package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_ADMIN;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouseops.PackagingProfileService.ProfileChange;
import dev.oms.domain.warehouse.ops.PackagingProfile;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/**
 * Seed 003 section 16, packaging profiles: the boxes the pack stations choose from (smallest that fits first, by
 * {@code PackagingAdvisor}), for one warehouse or all; added, and changed under their version.
 */
public final class PackagingProfilesHandler extends ApiHandler {
    private final WarehouseOpsApi p;
    private final Routes routes;

    public PackagingProfilesHandler() { this(WarehouseOpsApi.get()); }

    PackagingProfilesHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/packaging-profiles", this::list).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/packaging-profiles", this::create).requires(WAREHOUSE_ADMIN),
                patch("/v1/fulfillment/packaging-profiles/{profileId}", this::change).requires(WAREHOUSE_ADMIN));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code ?warehouse_id=}: the profiles that warehouse may use (its own and those of every warehouse). */
    private ApiResponse list(ApiRequest r) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        p.packagingProfiles.list(r.command(), r.query("warehouse_id")).forEach(x -> data.add(view(x)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }

    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("name", "warehouse_id", "length_mm", "width_mm", "height_mm", "max_weight_grams", "active");
        ProfileChange c = change(b, true);
        b.check();
        return r.execute(x -> ApiResponse.created(view(x), "/v1/fulfillment/packaging-profiles/" + x.id()).withVersion(x.version()),
                ctx -> p.packagingProfiles.create(ctx, c));
    }

    private ApiResponse change(ApiRequest r) {
        String id = r.pathParam("profileId");
        Body b = Body.parse(r.body());
        b.allow("name", "warehouse_id", "length_mm", "width_mm", "height_mm", "max_weight_grams", "active", "version");
        ProfileChange c = change(b, false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (b.errors().isEmpty() && b.node().size() == (b.node().has("version") ? 1 : 0)) {
            b.error("name", "field.required", "Send at least one field to change");
        }
        b.check();
        return r.execute(x -> ApiResponse.ok(view(x)).withVersion(x.version()), ctx -> p.packagingProfiles.update(ctx, id, c));
    }

    /** The fields of a create (all required but warehouse and active) or a change (each optional; warehouse_id null: every warehouse). */
    private static ProfileChange change(Body b, boolean create) {
        String name = b.string("name", create, 200);
        boolean clearWarehouse = !create && b.node().has("warehouse_id") && b.node().get("warehouse_id").isNull();
        String warehouse = b.string("warehouse_id", false, 64);
        Long length = b.integer("length_mm", create, 1, PackagingProfile.MAX_DIMENSION_MM);
        Long width = b.integer("width_mm", create, 1, PackagingProfile.MAX_DIMENSION_MM);
        Long height = b.integer("height_mm", create, 1, PackagingProfile.MAX_DIMENSION_MM);
        Long weight = b.integer("max_weight_grams", create, 1, PackagingProfile.MAX_WEIGHT_GRAMS);
        Boolean active = b.bool("active", false);
        return new ProfileChange(name, warehouse, clearWarehouse, toInt(length), toInt(width), toInt(height), weight, active);
    }

    private static Integer toInt(Long l) { return l == null ? null : l.intValue(); }

    static ObjectNode view(PackagingProfile x) {
        ObjectNode o = Json.object();
        o.put("id", x.id());
        o.put("name", x.name());
        o.put("warehouse_id", x.warehouseId());
        o.put("length_mm", x.lengthMm());
        o.put("width_mm", x.widthMm());
        o.put("height_mm", x.heightMm());
        o.put("max_weight_grams", x.maxWeightGrams());
        o.put("active", x.active());
        o.put("version", x.version());
        o.put("created_at", Times.format(x.createdAt()));
        o.put("updated_at", Times.format(x.updatedAt()));
        o.put("updated_by", x.updatedBy());
        return o;
    }
}
