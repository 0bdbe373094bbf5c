package dev.oms.domain.warehouse.ops;

import dev.oms.domain.warehouse.PackagingAdvisor;
import java.time.Instant;

/**
 * A box the tenant packs in (seed 003 section 16): inner dimensions in millimetres and the weight it carries, for one
 * warehouse or every warehouse ({@code warehouseId} null). Inactive profiles are kept but no longer recommended.
 */
public record PackagingProfile(String id, String name, String warehouseId, int lengthMm, int widthMm, int heightMm,
                               long maxWeightGrams, boolean active, long version, Instant createdAt, Instant updatedAt,
                               String updatedBy) {
    public static final int MAX_PROFILES = 100, MAX_DIMENSION_MM = 3_000;
    public static final long MAX_WEIGHT_GRAMS = 1_000_000;

    /** The box as {@link PackagingAdvisor} takes it. */
    public PackagingAdvisor.Profile advisorProfile() {
        return new PackagingAdvisor.Profile(id, lengthMm, widthMm, heightMm, maxWeightGrams);
    }

    /** Whether the pack stations of {@code warehouse} may use it. */
    public boolean usableAt(String warehouse) {
        return active && (warehouseId == null || warehouseId.equals(warehouse));
    }
}
