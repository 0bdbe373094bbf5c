package dev.oms.domain.order;

import java.util.Set;

/** Event types of the tenant's access control (not order events: their subject is the key), docs/admin-api.md. */
public final class AccessEventTypes {
    public static final Set<String> ALL = Set.of("api_key.created", "api_key.revoked", "customer.impersonation_consent_changed");

    private AccessEventTypes() { }
}
