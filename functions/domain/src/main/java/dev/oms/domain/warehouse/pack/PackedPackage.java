package dev.oms.domain.warehouse.pack;

import java.time.Instant;
import java.util.List;

/**
 * A package of a fulfilment packed at a pack station: its items (order line, SKU, units, serials), weight and outer
 * dimensions; {@code open} while the packer fills it, {@code sealed} once finalised (then immutable), with its label
 * still to buy ({@code label_status} {@code pending}: the placeholder the shipment's label replaces).
 */
public record PackedPackage(String id, String stationId, String sessionId, List<Item> items, Integer weightGrams, Dimensions dimensions,
                            String status, String packedBy, Instant packedAt, Instant sealedAt) {
    public static final String OPEN = "open", SEALED = "sealed", LABEL_PENDING = "pending";
    public static final int MAX_ITEMS = 100, MAX_DIMENSION_MM = 3_000, MAX_WEIGHT_GRAMS = 1_000_000;

    public record Item(String lineId, String sku, long quantity, List<String> serials) {
        public Item {
            serials = serials == null ? List.of() : List.copyOf(serials);
        }
    }

    public record Dimensions(int lengthMm, int widthMm, int heightMm) { }

    public PackedPackage {
        items = List.copyOf(items);
    }

    public boolean sealed() { return SEALED.equals(status); }

    public long units(String lineId) {
        return items.stream().filter(i -> i.lineId().equals(lineId)).mapToLong(Item::quantity).sum();
    }
}
