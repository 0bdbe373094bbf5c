package dev.oms.platform.auth;

import dev.oms.app.keys.ApiKey;
import dev.oms.app.keys.ApiKeyService;
import dev.oms.app.security.Caller;
import dev.oms.domain.warehouse.ops.Device;
import dev.oms.platform.dynamo.DynamoApiKeys;
import dev.oms.platform.dynamo.DynamoWarehouseOps;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.ids.UlidIds;
import java.time.Clock;
import java.util.Optional;

/**
 * API keys as bearer credentials (docs/admin-api.md, "API keys"): a credential {@code omsk_<keyId>_<secret>} is
 * looked up by its id in the table and accepted when its hash matches and it is neither revoked nor expired. The
 * caller is the key ({@code apikey:<keyId>}, kind from its roles, usually {@code service}) in the key's tenant.
 */
final class ApiKeyAuthentication {
    private static final System.Logger LOG = System.getLogger(ApiKeyAuthentication.class.getName());
    private static volatile ApiKeyService keys;
    private static volatile DynamoWarehouseOps devices;

    private ApiKeyAuthentication() { }

    static Optional<Caller> authenticate(String secret) {
        return service().authenticate(secret).filter(ApiKeyAuthentication::deviceStillBound).map(ApiKeyAuthentication::caller);
    }

    /**
     * An integration key acts as {@code service} (or its roles' kind) in its tenant; a warehouse key acts as
     * {@code warehouse}, scoped to its warehouse ({@link Caller#warehouseScope()}).
     */
    static Caller caller(ApiKey k) {
        if (k.isWarehouseKey()) return new Caller(k.tenantId(), "apikey:" + k.id(), "warehouse", k.roles(), null, null, null, k.warehouseId());
        return new Caller(k.tenantId(), "apikey:" + k.id(), TokenService.defaultKind(k.roles()), k.roles(), null, null);
    }

    /**
     * A warehouse key bound to a device is refused (and the refusal logged) once the device is no longer registered to
     * the key's warehouse: deleted, revoked, or registered to another warehouse. One GetItem, for device keys only.
     */
    private static boolean deviceStillBound(ApiKey k) {
        if (k.deviceId() == null) return true;
        DynamoWarehouseOps d = devices;
        if (d == null) devices = d = new DynamoWarehouseOps(SingleTable.fromEnvironment());
        boolean bound = d.device(k.tenantId(), k.deviceId())
                .filter(dev -> k.warehouseId().equals(dev.warehouseId()) && Device.REGISTERED.equals(dev.status())).isPresent();
        if (!bound) {
            LOG.log(System.Logger.Level.WARNING, "refused warehouse key {0} of tenant {1}: device {2} is not registered to warehouse {3}",
                    k.id(), k.tenantId(), k.deviceId(), k.warehouseId());
        }
        return bound;
    }

    /** Built on the first key presented in this container, on the table of {@code TABLE_NAME}. */
    private static ApiKeyService service() {
        ApiKeyService s = keys;
        if (s == null) {
            synchronized (ApiKeyAuthentication.class) {
                if (keys == null) keys = new ApiKeyService(new DynamoApiKeys(SingleTable.fromEnvironment()), new UlidIds(), Clock.systemUTC());
                s = keys;
            }
        }
        return s;
    }
}
