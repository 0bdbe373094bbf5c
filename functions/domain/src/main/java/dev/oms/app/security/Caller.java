package dev.oms.app.security;

import dev.oms.domain.Actor;
import java.util.Set;

/**
 * The authenticated principal of a request: its tenant, subject, kind (customer, agent, service, warehouse), roles,
 * the customer it is (for customers) and who impersonates it, if anyone. A guest (role {@code guest}, kind customer,
 * from the guest order lookup) has an {@code orderScope}: the one order it may read, whoever its customer is. A
 * warehouse key's caller has a {@code warehouseScope}: the one warehouse it may act in.
 */
public record Caller(String tenantId, String subject, String kind, Set<String> roles, String customerId,
                     String impersonatedBy, String orderScope, String warehouseScope) {
    public static final String GUEST_ROLE = "guest";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String tenantId, String subject, String kind, Set<String> roles, String customerId, String impersonatedBy, String orderScope) {
        this(tenantId, subject, kind, roles, customerId, impersonatedBy, orderScope, null);
    }

    public Caller(String tenantId, String subject, String kind, Set<String> roles, String customerId, String impersonatedBy) {
        this(tenantId, subject, kind, roles, customerId, impersonatedBy, null, null);
    }

    /**
     * Whether the caller may act in a warehouse: any warehouse unless it holds a warehouse key, which is scoped to one
     * (seed 003 {@code /v1/fulfillment/keys}); null (no warehouse named) is allowed.
     */
    public boolean mayUseWarehouse(String warehouseId) {
        return warehouseScope == null || warehouseId == null || warehouseScope.equals(warehouseId);
    }

    /** A guest restricted to one order: read-only (role {@code guest}), no customer id. */
    public static Caller guest(String tenantId, String orderId) {
        return new Caller(tenantId, "guest:" + orderId, "customer", Set.of(GUEST_ROLE), null, null, orderId);
    }

    public boolean isScopedToOneOrder() { return orderScope != null; }

    public Set<Permission> permissions() { return RolePermissions.of(roles); }

    public boolean can(Permission p) { return permissions().contains(p); }

    public boolean isCustomer() { return "customer".equals(kind); }

    public Actor actor() { return new Actor(subject, kind); }

    /**
     * A customer sees only its own orders; staff and services see all orders of their tenant. A caller scoped to one
     * order sees none by this check alone: use {@link #mayView(String, String)}.
     */
    public boolean mayView(String orderCustomerId) {
        if (orderScope != null) return false;
        return !isCustomer() || (customerId != null && customerId.equals(orderCustomerId));
    }

    /** {@link #mayView(String)}, and a caller scoped to one order sees that order only. */
    public boolean mayView(String orderId, String orderCustomerId) {
        if (orderScope != null) return orderScope.equals(orderId);
        return mayView(orderCustomerId);
    }
}
