package dev.oms.domain.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans how an order's unfulfilled units ship from the warehouses that hold them (admin split-shipments): as few
 * fulfilments as the stock allows. The routing rule's warehouse (when one matched) takes everything it can first; then,
 * until nothing is left or no warehouse holds any of it, the warehouse that can take the most units takes them (ties:
 * the lowest warehouse id), so the plan is deterministic for the same order and stock. Units no warehouse holds are
 * {@code unassigned}. Pure: the caller reads the stock and writes the fulfilments.
 */
public final class ShipmentSplit {
    private ShipmentSplit() { }

    /** Units of an order line still to fulfil, with their SKU. */
    public record Need(String lineId, String sku, long quantity) { }

    /** One proposed fulfilment: a warehouse and the units of each line it ships. */
    public record Part(String warehouseId, Map<String, Long> lines) {
        public long units() { return lines.values().stream().mapToLong(Long::longValue).sum(); }
    }

    public record Plan(List<Part> parts, Map<String, Long> unassigned) {
        public boolean complete() { return unassigned.isEmpty(); }
    }

    /**
     * @param stock     available units per warehouse and SKU
     * @param preferred the routing rule's warehouse, or null
     */
    public static Plan plan(List<Need> needs, Map<String, Map<String, Long>> stock, String preferred) {
        Map<String, Long> left = new LinkedHashMap<>();
        Map<String, String> skuOf = new LinkedHashMap<>();
        for (Need n : needs) {
            if (n.quantity() <= 0) continue;
            left.merge(n.lineId(), n.quantity(), Long::sum);
            skuOf.put(n.lineId(), n.sku());
        }
        Map<String, Map<String, Long>> avail = new LinkedHashMap<>();
        for (String wh : new TreeSet<>(stock.keySet())) avail.put(wh, new LinkedHashMap<>(stock.get(wh)));
        List<Part> parts = new ArrayList<>();
        if (preferred != null && avail.containsKey(preferred)) take(preferred, left, skuOf, avail, parts);
        while (!left.isEmpty()) {
            String best = avail.keySet().stream()
                    .filter(wh -> takeable(wh, left, skuOf, avail) > 0)
                    .max(Comparator.<String>comparingLong(wh -> takeable(wh, left, skuOf, avail)).thenComparing(Comparator.<String>reverseOrder()))
                    .orElse(null);
            if (best == null) break;
            take(best, left, skuOf, avail, parts);
        }
        return new Plan(List.copyOf(parts), java.util.Collections.unmodifiableMap(left));
    }

    private static long takeable(String wh, Map<String, Long> left, Map<String, String> skuOf, Map<String, Map<String, Long>> avail) {
        Map<String, Long> have = new LinkedHashMap<>(avail.get(wh));
        long units = 0;
        for (Map.Entry<String, Long> e : left.entrySet()) {
            String sku = skuOf.get(e.getKey());
            long n = Math.min(e.getValue(), have.getOrDefault(sku, 0L));
            if (n > 0) {
                units += n;
                have.merge(sku, -n, Long::sum);
            }
        }
        return units;
    }

    private static void take(String wh, Map<String, Long> left, Map<String, String> skuOf, Map<String, Map<String, Long>> avail, List<Part> parts) {
        Map<String, Long> have = avail.get(wh);
        Map<String, Long> lines = new LinkedHashMap<>();
        for (var it = left.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            String sku = skuOf.get(e.getKey());
            long n = Math.min(e.getValue(), have.getOrDefault(sku, 0L));
            if (n <= 0) continue;
            lines.put(e.getKey(), n);
            have.merge(sku, -n, Long::sum);
            if (n == e.getValue()) it.remove(); else e.setValue(e.getValue() - n);
        }
        if (!lines.isEmpty()) parts.add(new Part(wh, java.util.Collections.unmodifiableMap(lines)));
    }
}
