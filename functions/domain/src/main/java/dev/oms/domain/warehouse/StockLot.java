package dev.oms.domain.warehouse;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Units of one SKU at one location of a warehouse, of one lot (null for SKUs not tracked by lot), as the inventory
 * port reports them: {@code available} is what may still be allocated, {@code expiry} the lot's last usable day (null:
 * does not expire), {@code receivedAt} when the lot arrived (first in, first out).
 */
public record StockLot(String warehouseId, String locationId, String sku, String lot, LocalDate expiry, Instant receivedAt,
                       long available) {
    public StockLot {
        if (warehouseId == null || locationId == null || sku == null) throw new IllegalArgumentException("warehouse, location and sku are required");
        if (available < 0) throw new IllegalArgumentException("available must not be negative");
    }

    /** Whether the lot may still be sold on {@code shipDate} to someone who needs {@code minShelfLifeDays} of life left. */
    public boolean fresh(LocalDate shipDate, int minShelfLifeDays) {
        return expiry == null || !expiry.isBefore(shipDate.plusDays(Math.max(0, minShelfLifeDays)));
    }
}
