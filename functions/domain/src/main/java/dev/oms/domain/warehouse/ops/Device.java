package dev.oms.domain.warehouse.ops;

import java.time.Instant;
import java.util.Set;

/**
 * A handheld scanner, label printer or scale bound to one warehouse (seed 003 section 17). Registering it again binds
 * it anew (another warehouse, name or kind) and raises its version; {@code revoked} devices are refused.
 */
public record Device(String id, String warehouseId, String kind, String name, String status, long version,
                     Instant registeredAt, String registeredBy) {
    public static final Set<String> KINDS = Set.of("scanner", "printer", "scale");
    public static final String REGISTERED = "registered";
}
