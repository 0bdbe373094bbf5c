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

    // ---- seed 003: stock by location and lot, held for a fulfilment's allocation ----------------------------------

    /** Units of a SKU at one location of a warehouse, of one lot (null when the SKU is not tracked by lot). */
    record LotQuantity(String sku, String warehouseId, String locationId, String lot, long quantity) { }

    /**
     * What may still be allocated of these SKUs in these warehouses, by location and lot, with expiry and receipt date.
     * Adapters that cannot tell answer {@link ConnectorException} (the allocation is then 503 {@code connector.unavailable}).
     */
    default List<dev.oms.domain.warehouse.StockLot> stock(String tenantId, List<String> skus, List<String> warehouseIds) {
        throw new ConnectorException("inventory", "stock", "this inventory adapter does not report stock by location and lot");
    }

    /** Holds units of lots for an allocation (they are no longer available to others); once per key. */
    default void hold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        throw new ConnectorException("inventory", "hold", "this inventory adapter does not hold stock by location and lot");
    }

    /** Gives held units back (an allocation released); once per key. */
    default void unhold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        throw new ConnectorException("inventory", "unhold", "this inventory adapter does not hold stock by location and lot");
    }

    /** Held units were picked: they leave the location for good; once per key. */
    default void consume(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        throw new ConnectorException("inventory", "consume", "this inventory adapter does not hold stock by location and lot");
    }
}
