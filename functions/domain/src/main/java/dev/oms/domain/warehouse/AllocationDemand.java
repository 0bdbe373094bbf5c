package dev.oms.domain.warehouse;

/** One line to allocate: how many units of which SKU, and how many days of shelf life the buyer must still get. */
public record AllocationDemand(String lineId, String sku, long quantity, int minShelfLifeDays) {
    public AllocationDemand {
        if (lineId == null || sku == null) throw new IllegalArgumentException("lineId and sku are required");
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        if (minShelfLifeDays < 0) throw new IllegalArgumentException("minShelfLifeDays must not be negative");
    }
}
