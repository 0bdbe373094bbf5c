package dev.oms.domain.order;

import java.util.Locale;
import java.util.Set;

/**
 * A fulfilment's life: {@code pending} (created, stock reserved) → {@code picking} → {@code packed} (both optional,
 * set by the warehouse) → {@code shipped} (handed to a carrier, a shipment exists) → {@code in_transit} (the carrier
 * reports movement) → {@code delivered}. {@code pending}, {@code picking} and {@code packed} may be
 * {@code cancelled}; a shipped fulfilment can no longer be cancelled (the goods come back through a return).
 */
public enum FulfillmentStatus {
    PENDING, PICKING, PACKED, SHIPPED, IN_TRANSIT, DELIVERED, CANCELLED;

    public static final Set<FulfillmentStatus> OPEN = Set.of(PENDING, PICKING, PACKED);
    public static final Set<FulfillmentStatus> SHIPPED_OR_LATER = Set.of(SHIPPED, IN_TRANSIT, DELIVERED);

    public boolean isOpen() { return OPEN.contains(this); }

    public boolean isShipped() { return SHIPPED_OR_LATER.contains(this); }

    /** Whether a PATCH may move a fulfilment from this status to {@code to}: forward through the warehouse steps only. */
    public boolean mayPatchTo(FulfillmentStatus to) {
        return switch (to) {
            case PICKING -> this == PENDING;
            case PACKED -> this == PENDING || this == PICKING;
            case IN_TRANSIT -> this == SHIPPED;
            default -> false;
        };
    }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static FulfillmentStatus fromWire(String value) {
        for (FulfillmentStatus s : values()) if (s.wire().equals(value)) return s;
        throw new IllegalArgumentException("unknown fulfilment status: " + value);
    }
}
