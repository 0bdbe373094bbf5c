package dev.oms.domain.order;

import dev.oms.domain.warehouse.WarehouseStatus;
import java.time.Instant;

/**
 * The warehouse's part of a fulfilment (seed 003): its finer {@link WarehouseStatus}, the allocation and pick list it is
 * in, the ship date it was asked for and where the request came from. Kept on the fulfilment item itself, so the OMS
 * routes and the warehouse routes see one record; null on fulfilments the warehouse routes never touched (their
 * warehouse status is then {@link WarehouseStatus#of} their canonical status).
 */
public record FulfillmentWarehouse(WarehouseStatus status, String allocationId, String picklistId, Instant requestedShipDate, String source) {
    public FulfillmentWarehouse {
        if (status == null) throw new IllegalArgumentException("status is required");
    }

    public static FulfillmentWarehouse at(WarehouseStatus status) { return new FulfillmentWarehouse(status, null, null, null, null); }

    public FulfillmentWarehouse withStatus(WarehouseStatus to) { return new FulfillmentWarehouse(to, allocationId, picklistId, requestedShipDate, source); }

    public FulfillmentWarehouse withAllocation(String id) { return new FulfillmentWarehouse(status, id, picklistId, requestedShipDate, source); }

    public FulfillmentWarehouse withPicklist(String id) { return new FulfillmentWarehouse(status, allocationId, id, requestedShipDate, source); }

    public FulfillmentWarehouse withShipDate(Instant date) { return new FulfillmentWarehouse(status, allocationId, picklistId, date, source); }

    /**
     * Where the warehouse stands after the OMS routes moved the fulfilment to canonical {@code to}: unchanged when its
     * step already is that canonical status (a PATCH to {@code picking} of a fulfilment that is {@code picked}),
     * otherwise the step {@code to} stands for.
     */
    public FulfillmentWarehouse following(FulfillmentStatus to) {
        if (status.canonical() == to) return this;
        WarehouseStatus next = WarehouseStatus.of(to);
        if (status == WarehouseStatus.CLOSED && next == WarehouseStatus.SHIPPED) return this;
        return withStatus(next);
    }
}
