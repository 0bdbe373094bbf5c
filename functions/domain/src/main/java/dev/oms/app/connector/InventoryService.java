package dev.oms.app.connector;

import java.util.List;

/** The inventory service: can these quantities be sold, and reservations and stock for an order. */
public interface InventoryService {

    /** The SKUs of the request that cannot be supplied in the asked quantity (empty when all can). */
    List<String> unavailable(String tenantId, List<SkuQuantity> request);

    /** Releases the order's reservations of these SKUs (all of them when {@code request} is empty); answers what was released. */
    List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey);

    /** Reserves quantities for an order (used to undo a release when a cancellation fails). */
    void reserve(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey);

    /** Puts units back into sellable stock. */
    void restock(String tenantId, List<SkuQuantity> request, String idempotencyKey);

    record SkuQuantity(String sku, long quantity) { }
}
