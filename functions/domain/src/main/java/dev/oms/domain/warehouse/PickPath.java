package dev.oms.domain.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The walking order of a pick list. A location code is read as segments ({@code Z1-A03-B12-L2}: zone, aisle, bay,
 * level; any of {@code - . / _ space} separates them) compared segment by segment, numbers as numbers
 * ({@code A2} before {@code A10}). With {@code serpentine}, every second aisle the path visits (the first two segments
 * name an aisle) is walked back, its locations in reverse, so a picker goes up one aisle and down the next instead of
 * returning to the front each time. Ties keep a stable order by the whole code, so the same locations always give the
 * same path.
 */
public final class PickPath {
    private PickPath() { }

    public static <T> List<T> order(List<T> items, Function<T, String> location, boolean serpentine) {
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.comparing(location, PickPath::compare));
        if (!serpentine) return out;
        List<T> walked = new ArrayList<>(out.size());
        int aisles = 0;
        for (int start = 0; start < out.size(); ) {
            String aisle = aisle(location.apply(out.get(start)));
            int end = start;
            while (end < out.size() && aisle(location.apply(out.get(end))).equals(aisle)) end++;
            List<T> group = new ArrayList<>(out.subList(start, end));
            if (aisles++ % 2 == 1) java.util.Collections.reverse(group);
            walked.addAll(group);
            start = end;
        }
        return walked;
    }

    /** Natural order of two location codes, segment by segment. */
    public static int compare(String a, String b) {
        String[] x = segments(a), y = segments(b);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = natural(x[i], y[i]);
            if (c != 0) return c;
        }
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static String aisle(String code) {
        String[] s = segments(code);
        return s.length < 2 ? String.join("-", s) : (s[0] + "-" + s[1]).toUpperCase(java.util.Locale.ROOT);
    }

    private static String[] segments(String code) {
        return code == null ? new String[0] : code.trim().split("[-./_ ]+");
    }

    /** Compares runs of digits as numbers and the rest as text, case-insensitively. */
    static int natural(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) return c;
            } else {
                int c = Character.compare(Character.toUpperCase(ca), Character.toUpperCase(cb));
                if (c != 0) return c;
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
