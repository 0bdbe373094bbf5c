package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_DEVICES;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouseops.DeviceRegistry.Registration;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ops.Device;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.regex.Pattern;

/**
 * Seed 003 section 17: a handheld scanner, label printer or scale registered to a warehouse under the id printed on it
 * (201 the first time, 200 when it is bound anew; If-Match or {@code version} guards a re-registration).
 */
public final class WarehouseDevicesHandler extends ApiHandler {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    private final WarehouseOpsApi p;
    private final Routes routes;

    public WarehouseDevicesHandler() { this(WarehouseOpsApi.get()); }

    WarehouseDevicesHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/fulfillment/devices/{deviceId}/register", this::register).requires(WAREHOUSE_DEVICES));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"warehouse_id", "kind": "scanner|printer|scale", "name"?, "version"?}}. */
    private ApiResponse register(ApiRequest r) {
        String deviceId = r.pathParam("deviceId");
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw DomainException.invalidField("deviceId", "field.format", "a device id is 1-64 letters, digits or _.:-");
        }
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "kind", "name", "version");
        String warehouse = b.string("warehouse_id", true, 64);
        String kind = b.oneOf("kind", true, Device.KINDS);
        String name = b.string("name", false, 200);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(reg -> (reg.created() ? ApiResponse.created(view(reg), "/v1/fulfillment/devices/" + deviceId + "/register")
                        : ApiResponse.ok(view(reg))).withVersion(reg.device().version()),
                ctx -> p.devices.register(ctx, deviceId, warehouse, kind, name));
    }

    static ObjectNode view(Registration reg) {
        Device d = reg.device();
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("warehouse_id", d.warehouseId());
        o.put("kind", d.kind());
        o.put("name", d.name());
        o.put("status", d.status());
        o.put("version", d.version());
        o.put("registered_at", Times.format(d.registeredAt()));
        o.put("registered_by", d.registeredBy());
        return o;
    }
}
