package dev.oms.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchSort;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.order.OrderStatus;
import dev.oms.platform.http.Body;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/orders/search} into a {@link SearchQuery}, strictly: every field, operator and
 * value is checked and every problem is reported at once (the contract has already refused unknown fields and wrong
 * types; these are the rules it cannot say: one equality operator per field, bounds that cannot both hold, a currency
 * for amounts, relevance only with {@code q}).
 */
final class SearchRequests {
    static final Set<String> TOP_LEVEL = Set.of("filters", "q", "sort", "aggregations");
    static final Set<String> KEYWORD_OPS = Set.of("eq", "in", "not_in");
    static final Set<String> RANGE_OPS = Set.of("gte", "gt", "lte", "lt");

    private SearchRequests() { }

    static SearchQuery read(Body b) { return read(b, false); }

    /** With {@code admin}, the {@link SearchField#ADMIN_ONLY} filters too ({@code POST /v1/admin/orders/search}). */
    static SearchQuery read(Body b, boolean admin) {
        b.allow(TOP_LEVEL.toArray(String[]::new));
        List<SearchFilter> filters = new ArrayList<>();
        Body f = b.object("filters", false);
        if (f != null) {
            f.allow(SearchField.filterable(admin).toArray(String[]::new));
            for (String name : SearchField.filterable(admin)) {
                Body condition = f.object(name, false);
                if (condition != null) filter(SearchField.fromWire(name).orElseThrow(), condition, filters);
            }
        }
        String q = b.string("q", false, SearchQuery.MAX_TEXT);
        List<SearchSort> sort = sort(b, q != null);
        SearchAggregations aggregations = aggregations(b);
        b.check();
        return new SearchQuery(filters, q, sort, aggregations);
    }

    private static void filter(SearchField field, Body c, List<SearchFilter> out) {
        switch (field.kind()) {
            case KEYWORD -> keyword(field, c, out);
            case TIME -> {
                c.allow(RANGE_OPS.toArray(String[]::new));
                Instant gte = time(c, "gte"), gt = time(c, "gt"), lte = time(c, "lte"), lt = time(c, "lt");
                if (bounds(c, gte != null, gt != null, lte != null, lt != null)) {
                    Instant low = gte != null ? gte : gt, high = lte != null ? lte : lt;
                    if (low != null && high != null && (low.isAfter(high) || (low.equals(high) && (gt != null || lt != null)))) {
                        c.error("gte", "search.empty_range", field.wire() + ": the lower bound is above the upper bound");
                    } else {
                        out.add(new SearchFilter.TimeRange(field, gte, gt, lte, lt));
                    }
                }
            }
            case MONEY, NUMBER -> {
                boolean money = field.kind() == SearchField.Kind.MONEY;
                Set<String> ops = new LinkedHashSet<>(RANGE_OPS);
                ops.add("eq");
                if (money) ops.add("currency");
                c.allow(ops.toArray(String[]::new));
                String currency = money ? c.string("currency", true, 3) : null;
                if (currency != null && !Currencies.isKnown(currency)) {
                    c.error("currency", "currency.unknown", "currency must be an ISO 4217 code");
                    currency = null;
                }
                Long eq = c.integer("eq", false, 0, Long.MAX_VALUE), gte = c.integer("gte", false, 0, Long.MAX_VALUE),
                        gt = c.integer("gt", false, 0, Long.MAX_VALUE), lte = c.integer("lte", false, 0, Long.MAX_VALUE),
                        lt = c.integer("lt", false, 0, Long.MAX_VALUE);
                if (eq != null && (gte != null || gt != null || lte != null || lt != null)) {
                    c.error("eq", "search.operator_conflict", field.wire() + ": eq cannot go with a range");
                    return;
                }
                if (eq != null) { gte = eq; lte = eq; }
                if (!bounds(c, gte != null, gt != null, lte != null, lt != null)) return;
                long low = gte != null ? gte : gt != null ? gt + 1 : Long.MIN_VALUE, high = lte != null ? lte : lt != null ? lt - 1 : Long.MAX_VALUE;
                if (low > high) {
                    c.error("gte", "search.empty_range", field.wire() + ": the lower bound is above the upper bound");
                } else if (!money || currency != null) {
                    out.add(new SearchFilter.NumberRange(field, currency, gte, gt, lte, lt));
                }
            }
        }
    }

    private static void keyword(SearchField field, Body c, List<SearchFilter> out) {
        c.allow(KEYWORD_OPS.toArray(String[]::new));
        long given = KEYWORD_OPS.stream().filter(c::has).count();
        if (given != 1) {
            c.error(given == 0 ? "eq" : "in", given == 0 ? "field.required" : "search.operator_conflict",
                    field.wire() + " takes exactly one of eq, in, not_in");
            return;
        }
        List<String> values = new ArrayList<>();
        String eq = c.string("eq", false, 500);
        if (eq != null) values.add(eq);
        for (String op : List.of("in", "not_in")) {
            List<String> listed = c.strings(op, false, 1, SearchQuery.MAX_VALUES, 500);
            if (listed != null) values.addAll(listed);
        }
        if (values.isEmpty()) return;
        if (field == SearchField.STATUS) {
            for (String v : values) {
                if (!OrderStatus.isWire(v)) {
                    c.error(c.has("eq") ? "eq" : c.has("in") ? "in" : "not_in", "field.not_allowed", "status " + v + " is not an order status");
                    return;
                }
            }
        }
        out.add(new SearchFilter.Terms(field, List.copyOf(new LinkedHashSet<>(values)), c.has("not_in")));
    }

    /** False (with the error) when no bound is given or two bounds of one side are. */
    private static boolean bounds(Body c, boolean gte, boolean gt, boolean lte, boolean lt) {
        if (!gte && !gt && !lte && !lt) {
            if (c.errors().isEmpty()) c.error("gte", "field.required", "give at least one of gte, gt, lte, lt");
            return false;
        }
        if ((gte && gt) || (lte && lt)) {
            c.error(gte && gt ? "gt" : "lt", "search.operator_conflict", "gte and gt (or lte and lt) cannot go together");
            return false;
        }
        return true;
    }

    private static Instant time(Body c, String op) {
        String s = c.string(op, false, 64);
        if (s == null) return null;
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            c.error(op, "field.format", op + " must be an RFC 3339 date-time");
            return null;
        }
    }

    private static List<SearchSort> sort(Body b, boolean hasText) {
        List<Body> keys = b.objects("sort", false, 1, SearchQuery.MAX_SORT_KEYS);
        if (keys == null) return List.of();
        List<SearchSort> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Body k : keys) {
            k.allow("field", "order");
            String name = k.string("field", true, 64);
            String order = k.oneOf("order", false, Set.of("asc", "desc"));
            if (name == null) continue;
            if (!seen.add(name)) { k.error("field", "field.duplicate", "sort by " + name + " only once"); continue; }
            if (name.equals("_score")) {
                if (!hasText) k.error("field", "search.relevance_without_q", "sorting by _score needs q");
                else out.add(new SearchSort(null, !"asc".equals(order)));
                continue;
            }
            var field = SearchField.fromWire(name).filter(SearchField::sortable);
            if (field.isEmpty()) { k.error("field", "field.not_allowed", name + " is not a sort field"); continue; }
            out.add(new SearchSort(field.get(), "desc".equals(order)));
        }
        return out;
    }

    private static SearchAggregations aggregations(Body b) {
        Body a = b.object("aggregations", false);
        if (a == null) return SearchAggregations.NONE;
        a.allow("terms", "histogram", "totals");
        List<SearchField> terms = new ArrayList<>();
        List<String> names = a.strings("terms", false, 1, SearchField.TERMS.size(), 64);
        if (names != null) {
            for (String n : new LinkedHashSet<>(names)) {
                var field = SearchField.fromWire(n).filter(SearchField.TERMS::contains);
                if (field.isEmpty()) a.error("terms", "field.not_allowed", n + " cannot be counted by terms");
                else terms.add(field.get());
            }
        }
        SearchAggregations.Histogram histogram = null;
        Body h = a.object("histogram", false);
        if (h != null) {
            h.allow("field", "interval");
            String field = h.oneOf("field", false, Set.of("created_at", "updated_at"));
            String interval = h.oneOf("interval", true, Set.of("day", "week", "month"));
            if (interval != null) {
                histogram = new SearchAggregations.Histogram(field == null ? SearchField.CREATED_AT : SearchField.fromWire(field).orElseThrow(),
                        SearchAggregations.Interval.valueOf(interval.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        Boolean totals = a.bool("totals", false);
        return new SearchAggregations(terms, histogram, Boolean.TRUE.equals(totals));
    }

    /** What a cursor is bound to besides the caller: the filters, the text and the sort (not the aggregations). */
    static String fingerprint(JsonNode body) {
        return body.path("filters") + "|" + body.path("q") + "|" + body.path("sort");
    }
}
