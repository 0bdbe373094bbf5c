package dev.oms.app.port;

/** Tenant-level policies the use cases consult. */
public interface TenantSettingsStore {
    TenantSettings get(String tenantId);

    /**
     * {@code allowHardDelete}: admins may delete orders for good. {@code cancellationPolicy}:
     * {@code before_shipment} (default: any order not yet shipped) or {@code before_confirmation}.
     * {@code allowPartialShipments} (default true): when false, a fulfilment must hold every remaining unit.
     */
    record TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments) {
        public static final TenantSettings DEFAULTS = new TenantSettings(false, "before_shipment", true);

        public TenantSettings(boolean allowHardDelete, String cancellationPolicy) { this(allowHardDelete, cancellationPolicy, true); }

        public TenantSettings(boolean allowHardDelete) { this(allowHardDelete, "before_shipment"); }
    }
}
