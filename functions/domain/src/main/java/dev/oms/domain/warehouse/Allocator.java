package dev.oms.domain.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses stock for an order's lines ({@link AllocationStrategy}). Pure and deterministic: the same stock, ranking and
 * lines give the same plan. Never allocates more than a lot has (lines of the same SKU draw on the same lots, in the
 * order given), never a lot that is expired or short-dated on the ship date, never from a warehouse outside the ranking.
 */
public final class Allocator {
    private Allocator() { }

    /**
     * @param warehouseRanking the candidate warehouses, nearest (or preferred) first; stock elsewhere is ignored
     */
    public static AllocationPlan allocate(List<AllocationDemand> lines, List<StockLot> stock, List<String> warehouseRanking,
                                          AllocationStrategy strategy, LocalDate shipDate) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < warehouseRanking.size(); i++) rank.putIfAbsent(warehouseRanking.get(i), i);
        List<StockLot> candidates = new ArrayList<>();
        for (StockLot s : stock) if (rank.containsKey(s.warehouseId()) && s.available() > 0) candidates.add(s);
        candidates.sort(order(strategy, rank));

        if (strategy == AllocationStrategy.NEAREST_WAREHOUSE) {
            for (String warehouse : warehouseRanking) {
                List<StockLot> inOne = new ArrayList<>();
                for (StockLot s : candidates) if (s.warehouseId().equals(warehouse)) inOne.add(s);
                AllocationPlan whole = draw(lines, inOne, strategy, shipDate);
                if (whole.status() == AllocationPlan.Status.ALLOCATED) return whole;
            }
        }
        return draw(lines, candidates, strategy, shipDate);
    }

    private static AllocationPlan draw(List<AllocationDemand> lines, List<StockLot> ordered, AllocationStrategy strategy, LocalDate shipDate) {
        long[] left = new long[ordered.size()];
        for (int i = 0; i < left.length; i++) left[i] = ordered.get(i).available();
        List<AllocationPlan.LineAllocation> out = new ArrayList<>();
        for (AllocationDemand line : lines) {
            long need = line.quantity();
            boolean anyOfSku = false, anyFresh = false;
            List<AllocationPlan.Pick> picks = new ArrayList<>();
            for (int i = 0; i < left.length && need > 0; i++) {
                StockLot s = ordered.get(i);
                if (!s.sku().equals(line.sku())) continue;
                anyOfSku |= left[i] > 0;
                if (!s.fresh(shipDate, line.minShelfLifeDays())) continue;
                anyFresh |= left[i] > 0;
                long take = Math.min(need, left[i]);
                if (take == 0) continue;
                left[i] -= take;
                need -= take;
                picks.add(new AllocationPlan.Pick(s.warehouseId(), s.locationId(), s.lot(), s.expiry(), take));
            }
            String reason = need == 0 ? null
                    : !anyOfSku ? "allocation.no_stock"
                    : !anyFresh ? "allocation.short_dated"
                    : "allocation.insufficient_stock";
            out.add(new AllocationPlan.LineAllocation(line.lineId(), line.sku(), line.quantity(), merge(picks), reason));
        }
        return new AllocationPlan(strategy, shipDate, out);
    }

    /** Two picks of the same lot at the same location (two lines of one SKU are separate; this is within one line) become one. */
    private static List<AllocationPlan.Pick> merge(List<AllocationPlan.Pick> picks) {
        List<AllocationPlan.Pick> merged = new ArrayList<>();
        for (AllocationPlan.Pick p : picks) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).warehouseId().equals(p.warehouseId()) && merged.get(last).locationId().equals(p.locationId())
                    && java.util.Objects.equals(merged.get(last).lot(), p.lot())) {
                AllocationPlan.Pick m = merged.get(last);
                merged.set(last, new AllocationPlan.Pick(m.warehouseId(), m.locationId(), m.lot(), m.expiry(), m.quantity() + p.quantity()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }

    private static Comparator<StockLot> order(AllocationStrategy strategy, Map<String, Integer> rank) {
        Comparator<StockLot> byRank = Comparator.comparingInt(s -> rank.get(s.warehouseId()));
        Comparator<StockLot> ties = byRank.thenComparing(StockLot::locationId)
                .thenComparing(StockLot::lot, Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<StockLot> received = Comparator.comparing(StockLot::receivedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
        return switch (strategy) {
            case NEAREST_WAREHOUSE -> ties;
            case FIFO -> received.thenComparing(ties);
            case LOT_EXPIRY -> Comparator.comparing(StockLot::expiry, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
                    .thenComparing(byRank).thenComparing(received).thenComparing(ties);
        };
    }
}
