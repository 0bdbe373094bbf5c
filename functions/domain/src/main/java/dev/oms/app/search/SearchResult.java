package dev.oms.app.search;

import java.util.List;

/**
 * A page of matching orders ({@code hits}, in sort order), how many orders match in all ({@code total}, exact, no
 * cap), where the next page starts ({@code nextPosition}, null on the last page) and the aggregations asked for.
 */
public record SearchResult(List<OrderSearchDocument> hits, long total, String nextPosition, Aggregated aggregations) {

    /** A value and how many matching orders have it. */
    public record Bucket(String key, long count) { }

    /** The counts per value of one field; {@code others} counts the orders whose value is not among the buckets. */
    public record Terms(SearchField field, List<Bucket> buckets, long others) { }

    /** One histogram interval, from {@code start} (RFC 3339, UTC), with its count and its totals per currency. */
    public record Interval(String start, long count, List<CurrencyTotals> totals) { }

    public record Aggregated(List<Terms> terms, List<Interval> histogram, List<CurrencyTotals> totals) {
        public static final Aggregated NONE = new Aggregated(List.of(), null, null);
    }
}
