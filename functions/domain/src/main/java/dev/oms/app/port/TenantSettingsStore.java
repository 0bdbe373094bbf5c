package dev.oms.app.port;

/** Tenant-level policies the use cases consult. */
public interface TenantSettingsStore {
    TenantSettings get(String tenantId);

    /**
     * {@code allowHardDelete}: admins may delete orders for good. {@code cancellationPolicy}:
     * {@code before_shipment} (default: any order not yet shipped) or {@code before_confirmation}.
     * {@code allowPartialShipments} (default true): when false, a fulfilment must hold every remaining unit.
     * {@code returnWindowDays}: how many days after delivery (or the first shipment) returns are accepted (default 30).
     * {@code defaultWarehouse}: where a fulfilment that names no warehouse goes (null: it must name one).
     * The whole set, with its versions and history, is {@link OrderSettingsStore}'s.
     */
    record TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments, int returnWindowDays,
                          String defaultWarehouse) {
        public static final int DEFAULT_RETURN_WINDOW_DAYS = 30;
        public static final TenantSettings DEFAULTS = new TenantSettings(false, "before_shipment", true);

        public TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments, int returnWindowDays) {
            this(allowHardDelete, cancellationPolicy, allowPartialShipments, returnWindowDays, null);
        }

        public TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments) {
            this(allowHardDelete, cancellationPolicy, allowPartialShipments, DEFAULT_RETURN_WINDOW_DAYS);
        }

        public TenantSettings(boolean allowHardDelete, String cancellationPolicy) { this(allowHardDelete, cancellationPolicy, true); }

        public TenantSettings(boolean allowHardDelete) { this(allowHardDelete, "before_shipment"); }
    }
}
