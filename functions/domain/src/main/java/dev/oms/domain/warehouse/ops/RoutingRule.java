package dev.oms.domain.warehouse.ops;

import java.time.Instant;
import java.util.List;

/**
 * A warehouse routing rule of a tenant (seed 003 section 16): when a shipment's destination, SKUs, service level and
 * weight meet every condition that is set, it goes from {@code warehouseId} (by {@code carrier}, when one is named).
 * Rules are evaluated by ascending {@code priority}, then id ({@link RoutingRules#evaluate}). An empty condition list
 * or a null limit matches everything.
 */
public record RoutingRule(String id, String name, int priority, boolean enabled, List<String> destinationCountries,
                          List<String> skus, List<String> serviceLevels, Long maxWeightGrams, String warehouseId,
                          String carrier, long version, Instant createdAt, String createdBy) {
    public RoutingRule {
        destinationCountries = List.copyOf(destinationCountries);
        skus = List.copyOf(skus);
        serviceLevels = List.copyOf(serviceLevels);
    }
}
