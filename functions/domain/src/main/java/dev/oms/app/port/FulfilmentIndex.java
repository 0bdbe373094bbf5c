package dev.oms.app.port;

import java.time.Instant;

/**
 * Fulfilments across orders, from the index their items carry: by tenant (newest first) and the open ones by warehouse.
 * Fulfilments written before the index existed are listed once they change.
 */
public interface FulfilmentIndex {
    /** One fulfilment as the index has it. */
    record Entry(String fulfillmentId, String orderId, String warehouseId, String warehouseStatus, Instant createdAt) { }

    Page<Entry> list(String tenantId, PageRequest page);

    /** An open fulfilment of a warehouse, with what its ship-by time derives from. */
    record Open(String fulfillmentId, String orderId, String warehouseId, String warehouseStatus, Instant createdAt, Instant requestedShipDate) { }

    /** The warehouse's open fulfilments (not shipped, not cancelled), oldest first, at most {@code max}. */
    java.util.List<Open> open(String tenantId, String warehouseId, int max);

    /** Whether any fulfilment that has not shipped (and is not cancelled) names the warehouse. */
    boolean anyOpen(String tenantId, String warehouseId);
}
