package dev.oms.domain.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Recommends boxes for a fulfilment's units from the warehouse's packaging profiles: first fit decreasing by volume.
 * Each box is the smallest profile (by volume, then id) that takes every unit still to pack; when none does, the
 * smallest that takes the biggest unit, filled greedily. A unit fits a box when its sorted dimensions fit the box's
 * sorted dimensions (it may be turned), the units' volumes stay within {@link #FILL} of the box and their weight within
 * the box's limit. Units no profile can take are reported, never packed into a box too small. Deterministic.
 */
public final class PackagingAdvisor {
    /** At most this share of a box's volume is filled: goods are not liquid. */
    public static final double FILL = 0.85;

    private PackagingAdvisor() { }

    public record Profile(String id, int lengthMm, int widthMm, int heightMm, long maxWeightGrams) {
        long volume() { return (long) lengthMm * widthMm * heightMm; }
    }

    public record Item(String sku, int lengthMm, int widthMm, int heightMm, long weightGrams, long quantity) {
        long volume() { return (long) lengthMm * widthMm * heightMm; }
    }

    public record Box(String profileId, List<String> skus, long weightGrams, long volumeUsed, long volume) {
        public int fillPercent() { return (int) (volumeUsed * 100 / Math.max(1, volume)); }
    }

    /** The boxes, and the SKUs (one entry per unit) that fit no profile. */
    public record Recommendation(List<Box> boxes, List<String> unpackable) { }

    public static Recommendation recommend(List<Item> items, List<Profile> profiles) {
        List<Item> units = new ArrayList<>();
        for (Item i : items) for (long q = 0; q < i.quantity(); q++) units.add(i);
        units.sort(Comparator.comparingLong(Item::volume).reversed().thenComparing(Item::sku));
        List<Profile> byVolume = new ArrayList<>(profiles);
        byVolume.sort(Comparator.comparingLong(Profile::volume).thenComparing(Profile::id));

        List<String> unpackable = new ArrayList<>();
        for (var it = units.iterator(); it.hasNext(); ) {
            Item u = it.next();
            if (byVolume.stream().noneMatch(p -> fits(u, p) && u.weightGrams() <= p.maxWeightGrams())) {
                unpackable.add(u.sku());
                it.remove();
            }
        }
        List<Box> boxes = new ArrayList<>();
        while (!units.isEmpty()) {
            Profile chosen = null;
            for (Profile p : byVolume) if (takesAll(units, p)) { chosen = p; break; }
            if (chosen == null) {
                Item biggest = units.get(0);
                for (Profile p : byVolume) if (fits(biggest, p) && biggest.weightGrams() <= p.maxWeightGrams()) { chosen = p; break; }
            }
            long weight = 0, volume = 0;
            List<String> skus = new ArrayList<>();
            for (var it = units.iterator(); it.hasNext(); ) {
                Item u = it.next();
                if (fits(u, chosen) && weight + u.weightGrams() <= chosen.maxWeightGrams()
                        && volume + u.volume() <= (long) (chosen.volume() * FILL) || (skus.isEmpty() && fits(u, chosen))) {
                    weight += u.weightGrams();
                    volume += u.volume();
                    skus.add(u.sku());
                    it.remove();
                }
            }
            boxes.add(new Box(chosen.id(), skus, weight, volume, chosen.volume()));
        }
        return new Recommendation(boxes, unpackable);
    }

    private static boolean takesAll(List<Item> units, Profile p) {
        long weight = 0, volume = 0;
        for (Item u : units) {
            if (!fits(u, p)) return false;
            weight += u.weightGrams();
            volume += u.volume();
        }
        return weight <= p.maxWeightGrams() && volume <= (long) (p.volume() * FILL);
    }

    static boolean fits(Item u, Profile p) {
        int[] a = {u.lengthMm(), u.widthMm(), u.heightMm()}, b = {p.lengthMm(), p.widthMm(), p.heightMm()};
        Arrays.sort(a);
        Arrays.sort(b);
        return a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2];
    }
}
