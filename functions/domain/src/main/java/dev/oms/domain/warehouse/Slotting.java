package dev.oms.domain.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slotting advice: the fastest-moving SKUs belong in the bins nearest the pack stations. SKUs are ranked by picks in the
 * window (from the pick events, not typed in), bins by walking distance to the nearest pack station; the n-th fastest
 * SKU is advised the n-th nearest bin. Only moves are answered (a SKU already in its advised bin is left alone), each
 * with the reason in figures. Ties break on SKU and bin id, so the same events give the same advice.
 */
public final class Slotting {
    private Slotting() { }

    public record Bin(String id, int distanceToPackingMeters) { }

    public record Move(String sku, long picks, int velocityRank, String fromBin, String toBin, int toDistanceMeters, String explanation) { }

    /**
     * @param picksBySku picks per SKU in the window
     * @param currentBin where each SKU is now (may lack SKUs that have no bin)
     * @param bins       bins that may take a SKU (empty ones and the ones the ranked SKUs occupy)
     */
    public static List<Move> recommend(Map<String, Long> picksBySku, Map<String, String> currentBin, List<Bin> bins, int windowDays, int limit) {
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(picksBySku.entrySet());
        ranked.removeIf(e -> e.getValue() <= 0);
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Bin> nearest = new ArrayList<>(bins);
        nearest.sort(Comparator.comparingInt(Bin::distanceToPackingMeters).thenComparing(Bin::id));
        List<Move> moves = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int b = 0;
        for (int i = 0; i < ranked.size() && b < nearest.size() && moves.size() < limit; i++) {
            String sku = ranked.get(i).getKey();
            long picks = ranked.get(i).getValue();
            while (b < nearest.size() && taken.contains(nearest.get(b).id())) b++;
            if (b == nearest.size()) break;
            Bin to = nearest.get(b++);
            taken.add(to.id());
            String from = currentBin.get(sku);
            if (to.id().equals(from)) continue;
            moves.add(new Move(sku, picks, i + 1, from, to.id(), to.distanceToPackingMeters(),
                    sku + ": " + picks + " picks in " + windowDays + " days, the " + ordinal(i + 1) + " fastest; bin " + to.id() + " is "
                            + to.distanceToPackingMeters() + " m from packing" + (from == null ? "" : " (now in " + from + ")")));
        }
        return moves;
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return n + suffix;
    }
}
