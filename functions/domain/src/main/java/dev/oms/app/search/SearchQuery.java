package dev.oms.app.search;

import java.util.List;

/**
 * A search over one tenant's orders: every {@code filters} condition, the words of {@code text} (full text over the
 * customer's name and email, the addresses, notes and references), the {@code sort} keys (the order id is always
 * the last, so that pages never skip or repeat an order) and the {@code aggregations}. The tenant is not part of it:
 * the adapter adds the caller's tenant in one place.
 */
public record SearchQuery(List<SearchFilter> filters, String text, List<SearchSort> sort, SearchAggregations aggregations) {
    public static final int MAX_TEXT = 500;
    public static final int MAX_VALUES = 100;
    public static final int MAX_SORT_KEYS = 4;

    public SearchQuery {
        filters = List.copyOf(filters);
        sort = List.copyOf(sort);
        if (aggregations == null) aggregations = SearchAggregations.NONE;
    }

    /** The sort keys as asked, or relevance when there is text and newest first otherwise. */
    public List<SearchSort> effectiveSort() {
        if (!sort.isEmpty()) return sort;
        return List.of(text != null ? SearchSort.RELEVANCE : SearchSort.NEWEST);
    }
}
