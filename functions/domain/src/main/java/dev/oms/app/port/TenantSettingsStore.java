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
     * {@code paymentTermsCustomers}, {@code paymentTermsChannels}: whose orders may be confirmed on payment terms.
     * The whole set, with its versions and history, is {@link OrderSettingsStore}'s.
     */
    record TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments, int returnWindowDays,
                          String defaultWarehouse, java.util.List<String> paymentTermsCustomers, java.util.List<String> paymentTermsChannels) {
        public static final int DEFAULT_RETURN_WINDOW_DAYS = 30;
        public static final TenantSettings DEFAULTS = new TenantSettings(false, "before_shipment", true);

        public TenantSettings {
            paymentTermsCustomers = paymentTermsCustomers == null ? java.util.List.of() : java.util.List.copyOf(paymentTermsCustomers);
            paymentTermsChannels = paymentTermsChannels == null ? java.util.List.of() : java.util.List.copyOf(paymentTermsChannels);
        }

        public TenantSettings(boolean allowHardDelete, String cancellationPolicy, boolean allowPartialShipments, int returnWindowDays,
                              String defaultWarehouse) {
            this(allowHardDelete, cancellationPolicy, allowPartialShipments, returnWindowDays, defaultWarehouse, null, null);
        }

        /** Whether an order of this customer on this channel may be confirmed on payment terms without an authorization. */
        public boolean allowsPaymentTerms(String customerId, String channel) {
            return (customerId != null && paymentTermsCustomers.contains(customerId)) || (channel != null && paymentTermsChannels.contains(channel));
        }

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
