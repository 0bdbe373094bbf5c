package dev.oms.app.port;

/** Tenant-level policies the use cases consult. */
public interface TenantSettingsStore {
    TenantSettings get(String tenantId);

    /**
     * {@code allowHardDelete}: admins may delete orders for good. {@code cancellationPolicy}:
     * {@code before_shipment} (default: any order not yet shipped) or {@code before_confirmation}.
     */
    record TenantSettings(boolean allowHardDelete, String cancellationPolicy) {
        public static final TenantSettings DEFAULTS = new TenantSettings(false, "before_shipment");

        public TenantSettings(boolean allowHardDelete) { this(allowHardDelete, "before_shipment"); }
    }
}
