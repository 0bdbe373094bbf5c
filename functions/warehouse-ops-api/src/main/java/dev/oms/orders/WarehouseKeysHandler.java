package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_DEVICES;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.keys.ApiKey;
import dev.oms.app.keys.ApiKeyService;
import dev.oms.app.port.Page;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;

/**
 * Seed 003 section 17: short-lived keys for the people and devices on a warehouse floor. A key carries one warehouse
 * role, is scoped to one warehouse (and, optionally, bound to one registered device of it), is shown once and stored
 * hashed ({@link ApiKeyService#createWarehouseKey}), and is revoked at once. The keys are API keys: the one bearer
 * check of every function accepts them ({@code Authorization: Bearer omsk_...}).
 */
public final class WarehouseKeysHandler extends ApiHandler {
    private final WarehouseOpsApi p;
    private final Routes routes;

    public WarehouseKeysHandler() { this(WarehouseOpsApi.get()); }

    WarehouseKeysHandler(WarehouseOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/keys", this::list).requires(WAREHOUSE_DEVICES),
                post("/v1/fulfillment/keys", this::create).requires(WAREHOUSE_DEVICES),
                post("/v1/fulfillment/keys/{keyId}/revoke", this::revoke).requires(WAREHOUSE_DEVICES));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"name", "role", "warehouse_id", "device_id"?, "expires_at"?}}: 201 with the secret, this once. No
     * Idempotency-Key: a replay would have to store the secret.
     */
    private ApiResponse create(ApiRequest r) {
        if (r.header("idempotency-key") != null) {
            throw ApiProblem.badRequest("idempotency.not_supported",
                    "POST /v1/fulfillment/keys does not take an Idempotency-Key: a key's secret is shown once and never stored");
        }
        Body b = Body.parse(r.body()).allow("name", "role", "warehouse_id", "device_id", "expires_at");
        String name = b.string("name", true, 100);
        String role = b.string("role", true, 64);
        String warehouse = b.string("warehouse_id", true, 64);
        String device = b.string("device_id", false, 64);
        Instant expiresAt = b.time("expires_at", false);
        b.check();
        p.warehouses.get(r.command(), warehouse);
        if (device != null) {
            var d = p.devices.find(r.command(), device).orElseThrow(() -> DomainException.unprocessable("device.not_registered",
                    "No device " + device + " is registered", "Register it first: POST /v1/fulfillment/devices/{deviceId}/register."));
            if (!warehouse.equals(d.warehouseId())) {
                throw DomainException.unprocessable("device.other_warehouse", "Device " + device + " is registered to warehouse " + d.warehouseId(),
                        "Bind the key to a device of its own warehouse.").with("device_warehouse_id", d.warehouseId());
            }
        }
        ApiKeyService.Issued issued = p.keys.createWarehouseKey(r.command(), name, role, warehouse, device, expiresAt);
        ObjectNode o = view(issued.key());
        o.put("secret", issued.secret());
        return ApiResponse.created(o, "/v1/fulfillment/keys").withHeader("cache-control", "no-store");
    }

    /** {@code {"reason"?}}: refused on every route from the next request on. */
    private ApiResponse revoke(ApiRequest r) {
        Body.parseOptional(r.body()).allow("reason").check();
        return r.execute(k -> ApiResponse.ok(view(k)), ctx -> p.keys.revokeWarehouseKey(ctx, r.pathParam("keyId")));
    }

    /**
     * {@code ?warehouse_id=&limit=&cursor=}: the tenant's warehouse keys, newest first, without secrets. A page looks
     * at {@code limit} of the tenant's keys (integration keys included) and answers the warehouse keys among them, so
     * it may hold fewer with more to come.
     */
    private ApiResponse list(ApiRequest r) {
        String warehouse = r.query("warehouse_id");
        if (r.caller().warehouseScope() != null && warehouse == null) warehouse = r.caller().warehouseScope();
        String wanted = warehouse;
        String fingerprint = "warehouse-keys|" + wanted;
        Page<ApiKey> page = p.keys.list(r.caller().tenantId(), r.page(p.cursors, fingerprint));
        Page<ApiKey> mine = new Page<>(page.items().stream().filter(k -> k.isWarehouseKey() && (wanted == null || wanted.equals(k.warehouseId()))).toList(),
                page.nextPosition());
        return Pages.render(mine, WarehouseKeysHandler::view, p.cursors, fingerprint);
    }

    static ObjectNode view(ApiKey k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("prefix", k.prefix());
        o.put("role", k.roles().iterator().next());
        o.put("warehouse_id", k.warehouseId());
        o.put("device_id", k.deviceId());
        o.put("created_by", k.createdBy());
        o.put("created_at", Times.format(k.createdAt()));
        o.put("expires_at", Times.format(k.expiresAt()));
        o.put("revoked_at", Times.format(k.revokedAt()));
        o.put("last_used_at", Times.format(k.lastUsedAt()));
        return o;
    }
}
