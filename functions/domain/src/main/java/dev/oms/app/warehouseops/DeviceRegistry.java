package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseOpsStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ops.Device;
import dev.oms.domain.warehouse.ops.WarehouseOpsEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registers handhelds, printers and scales to a warehouse. The device id is the caller's (printed on the device); a
 * second registration of the same id binds it anew and raises its version (If-Match guards it).
 */
public final class DeviceRegistry {
    static final int MAX_ATTEMPTS = 12;

    private final WarehouseOpsStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public DeviceRegistry(WarehouseOpsStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** The device, and whether this call registered it for the first time. */
    public record Registration(Device device, boolean created) { }

    public Optional<Device> find(CommandContext ctx, String deviceId) { return store.device(ctx.tenantId(), deviceId); }

    /** Without an expected version, a registration that loses a race to another is re-read and applied on top. */
    public Registration register(CommandContext ctx, String deviceId, String warehouseId, String kind, String name) {
        if (!Device.KINDS.contains(kind)) throw DomainException.invalidField("kind", "field.not_allowed", "kind is one of " + Device.KINDS.stream().sorted().toList());
        for (int attempt = 1; ; attempt++) {
            try {
                return registerOnce(ctx, deviceId, warehouseId, kind, name);
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null || attempt >= MAX_ATTEMPTS) throw conflict(e.currentVersion());
            }
        }
    }

    private Registration registerOnce(CommandContext ctx, String deviceId, String warehouseId, String kind, String name) {
        Optional<Device> current = store.device(ctx.tenantId(), deviceId);
        long currentVersion = current.map(Device::version).orElse(0L);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != currentVersion) throw conflict(currentVersion);
        Instant now = clock.instant();
        Device d = new Device(deviceId, warehouseId, kind, name, Device.REGISTERED, currentVersion + 1, now, ctx.caller().subject());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("device_id", deviceId);
        data.put("warehouse_id", warehouseId);
        data.put("kind", kind);
        data.put("previous_warehouse_id", current.map(Device::warehouseId).orElse(null));
        Registration result = new Registration(d, current.isEmpty());
        store.saveDevice(ctx.tenantId(), d, currentVersion, OpsEvents.of(ctx, ids, now, WarehouseOpsEventTypes.DEVICE_REGISTERED, data),
                ctx.journal().recordFor(result));
        ctx.journal().written();
        return result;
    }

    private static DomainException conflict(long current) {
        return DomainException.conflict("device.version_conflict", "The device's registration has changed (it is now at version " + current + ")",
                "GET the device's registration again and retry with the new version.").with("current_version", current);
    }
}
