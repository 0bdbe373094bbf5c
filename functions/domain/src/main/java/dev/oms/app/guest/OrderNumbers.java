package dev.oms.app.guest;

import java.util.Optional;

/** The order of a tenant's human order number (the number customers see in their emails). */
public interface OrderNumbers {
    Optional<String> orderIdOf(String tenantId, long orderNumber);
}
