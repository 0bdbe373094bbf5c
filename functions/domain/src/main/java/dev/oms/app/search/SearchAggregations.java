package dev.oms.app.search;

import java.util.List;

/**
 * What to count over every order that matches (not only the page): {@code terms} counts per value of each field,
 * an optional {@code histogram} of creation or update times, and {@code totals}: count, sum and average of the order
 * totals per currency, exact in minor units.
 */
public record SearchAggregations(List<SearchField> terms, Histogram histogram, boolean totals) {
    public static final SearchAggregations NONE = new SearchAggregations(List.of(), null, false);

    public enum Interval {
        DAY, WEEK, MONTH;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Buckets of {@code field} (created_at or updated_at) per UTC day, ISO week (from Monday) or month. */
    public record Histogram(SearchField field, Interval interval) { }

    public boolean any() { return !terms.isEmpty() || histogram != null || totals; }
}
