package dev.oms.app.search;

import java.time.Instant;
import java.util.List;

/** One condition of {@code filters}; every condition must hold. */
public sealed interface SearchFilter {
    SearchField field();

    /** {@code eq} / {@code in} (any of the values), or {@code not_in} (none of them) on a keyword field. */
    record Terms(SearchField field, List<String> values, boolean negated) implements SearchFilter { }

    /** {@code gte}, {@code gt}, {@code lte}, {@code lt} on a time (null bounds are open). */
    record TimeRange(SearchField field, Instant gte, Instant gt, Instant lte, Instant lt) implements SearchFilter { }

    /**
     * A range of integers: the order total in the currency's minor units ({@code currency} is then required: an amount
     * means nothing without it, so the condition also matches the currency) or the order number.
     */
    record NumberRange(SearchField field, String currency, Long gte, Long gt, Long lte, Long lt) implements SearchFilter { }
}
