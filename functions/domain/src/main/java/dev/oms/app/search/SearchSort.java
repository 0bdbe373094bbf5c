package dev.oms.app.search;

/** One sort key; {@code field} null means relevance to {@code q} (best first). */
public record SearchSort(SearchField field, boolean descending) {
    public static final SearchSort RELEVANCE = new SearchSort(null, true);
    public static final SearchSort NEWEST = new SearchSort(SearchField.CREATED_AT, true);

    public String wire() { return field == null ? "_score" : field.wire(); }
}
