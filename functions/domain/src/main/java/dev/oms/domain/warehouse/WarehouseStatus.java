package dev.oms.domain.warehouse;

import dev.oms.domain.order.FulfillmentStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fulfilment as the warehouse sees it (seed 003): {@code created → awaiting_allocation → allocated → picking →
 * picked → packing → ready_to_ship → shipped → closed}, and {@code cancelled} from any step before {@code shipped}.
 * It is a finer view of the same record the OMS routes show with {@link FulfillmentStatus}; {@link #canonical()} says
 * which canonical status each step is, so the order's {@code fulfillment_status} follows the warehouse without a
 * second state machine, and {@link #of(FulfillmentStatus)} says where a fulfilment moved by the OMS routes stands in
 * the warehouse's view. A step may also be skipped forward (a warehouse that does not scan picks goes from
 * {@code allocated} to {@code packing}), never backwards: a short pick is an adjustment, not a step back.
 */
public enum WarehouseStatus {
    CREATED, AWAITING_ALLOCATION, ALLOCATED, PICKING, PICKED, PACKING, READY_TO_SHIP, SHIPPED, CLOSED, CANCELLED;

    private static final Map<WarehouseStatus, FulfillmentStatus> CANONICAL = Map.of(
            CREATED, FulfillmentStatus.PENDING, AWAITING_ALLOCATION, FulfillmentStatus.PENDING, ALLOCATED, FulfillmentStatus.PENDING,
            PICKING, FulfillmentStatus.PICKING, PICKED, FulfillmentStatus.PICKING,
            PACKING, FulfillmentStatus.PACKED, READY_TO_SHIP, FulfillmentStatus.PACKED,
            SHIPPED, FulfillmentStatus.SHIPPED, CLOSED, FulfillmentStatus.SHIPPED, CANCELLED, FulfillmentStatus.CANCELLED);

    /** The canonical status of this step ({@code closed}: the warehouse is done; the carrier's statuses then move the order). */
    public FulfillmentStatus canonical() { return CANONICAL.get(this); }

    /** Where a fulfilment stands for the warehouse when only its canonical status is known (records older than this view). */
    public static WarehouseStatus of(FulfillmentStatus status) {
        return switch (status) {
            case PENDING -> CREATED;
            case PICKING -> PICKING;
            case PACKED -> READY_TO_SHIP;
            case SHIPPED, IN_TRANSIT, DELIVERED -> SHIPPED;
            case CANCELLED -> CANCELLED;
        };
    }

    public boolean isOpen() { return ordinal() < SHIPPED.ordinal(); }

    /** Forward only; {@code cancelled} from an open step; nothing leaves {@code closed} or {@code cancelled}. */
    public boolean mayMoveTo(WarehouseStatus to) {
        if (this == CLOSED || this == CANCELLED) return false;
        if (to == CANCELLED) return isOpen();
        return to.ordinal() > ordinal();
    }

    public static final Set<WarehouseStatus> OPEN = EnumSet.range(CREATED, READY_TO_SHIP);

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static WarehouseStatus fromWire(String value) {
        for (WarehouseStatus s : values()) if (s.wire().equals(value)) return s;
        throw new IllegalArgumentException("unknown warehouse status: " + value);
    }
}
