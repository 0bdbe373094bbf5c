package dev.oms.app.port;

/** Tenant-level policies the use cases consult. */
public interface TenantSettingsStore {
    TenantSettings get(String tenantId);

    /** Settings used in this issue; later issues add more. Defaults are the safe choice. */
    record TenantSettings(boolean allowHardDelete) {
        public static final TenantSettings DEFAULTS = new TenantSettings(false);
    }
}
