package dev.oms.app.security;

import dev.oms.domain.Actor;
import java.util.Set;

/**
 * The authenticated principal of a request: its tenant, subject, kind (customer, agent, service, warehouse), roles,
 * the customer it is (for customers) and who impersonates it, if anyone.
 */
public record Caller(String tenantId, String subject, String kind, Set<String> roles, String customerId,
                     String impersonatedBy) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Set<Permission> permissions() { return RolePermissions.of(roles); }

    public boolean can(Permission p) { return permissions().contains(p); }

    public boolean isCustomer() { return "customer".equals(kind); }

    public Actor actor() { return new Actor(subject, kind); }

    /** A customer sees only its own orders; staff and services see all orders of their tenant. */
    public boolean mayView(String orderCustomerId) {
        return !isCustomer() || (customerId != null && customerId.equals(orderCustomerId));
    }
}
