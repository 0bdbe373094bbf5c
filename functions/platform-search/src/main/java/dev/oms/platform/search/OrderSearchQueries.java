package dev.oms.platform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchSort;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * Translates the search DSL into one OpenSearch {@code _search} body. The tenant filter is added here and only here,
 * as the first clause of the query's {@code filter}: every other clause only narrows what it admits (the DSL has no
 * {@code should} or {@code must_not} that could reach past it), so no query can widen a tenant's view.
 */
public final class OrderSearchQueries {
    /** Per-currency totals and terms buckets: more values than any of these fields can have. */
    static final int TERMS_SIZE = 500;
    static final List<String> TEXT_FIELDS = List.of("customer_name^3", "customer_email^3", "references^2", "addresses", "notes");
    static final List<String> HIT_FIELDS = List.of("id", "order_number", "version", "status", "channel", "customer_id",
            "customer_name", "customer_email", "currency", "total", "payment_status", "fulfillment_status", "return_status",
            "external_reference", "merchant_reference", "customer_reference", "skus", "tracking_numbers", "created_at", "updated_at",
            "fraud_score", "fraud_rules");

    private OrderSearchQueries() { }

    /**
     * The body for one page: {@code size} hits after {@code searchAfter} (the last hit's sort values of the previous
     * page, or null), with an exact total and the aggregations.
     */
    public static ObjectNode page(String tenantId, SearchQuery query, JsonNode searchAfter, int size) {
        if (tenantId == null || tenantId.isBlank()) throw new IllegalArgumentException("a search needs a tenant");
        ObjectNode body = Json.object();
        body.put("size", size);
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("tenant_id", tenantId);
        for (SearchFilter f : query.filters()) filter.add(clause(f));
        if (query.text() != null) {
            ObjectNode match = bool.putArray("must").addObject().putObject("multi_match");
            match.put("query", query.text());
            match.put("type", "cross_fields");
            match.put("operator", "and");
            TEXT_FIELDS.forEach(match.putArray("fields")::add);
        }
        ArrayNode sort = body.putArray("sort");
        boolean byId = false;
        for (SearchSort s : query.effectiveSort()) {
            sort.addObject().putObject(s.field() == null ? "_score" : s.field().documentField()).put("order", s.descending() ? "desc" : "asc");
            byId |= s.field() == SearchField.ID;
        }
        // the last key is always the order id, so equal keys never make a page skip or repeat an order
        if (!byId) sort.addObject().putObject("id").put("order", "asc");
        if (searchAfter != null) body.set("search_after", searchAfter);
        HIT_FIELDS.forEach(body.putArray("_source")::add);
        if (query.aggregations().any()) body.set("aggs", aggregations(query.aggregations()));
        return body;
    }

    static ObjectNode clause(SearchFilter f) {
        String field = f.field().documentField();
        return switch (f) {
            case SearchFilter.Terms t -> {
                ObjectNode terms = Json.object();
                t.values().forEach(terms.putObject("terms").putArray(field)::add);
                if (!t.negated()) yield terms;
                ObjectNode not = Json.object();
                not.putObject("bool").putArray("must_not").add(terms);
                yield not;
            }
            case SearchFilter.TimeRange r -> {
                ObjectNode range = Json.object();
                ObjectNode bounds = range.putObject("range").putObject(field);
                time(bounds, "gte", r.gte());
                time(bounds, "gt", r.gt());
                time(bounds, "lte", r.lte());
                time(bounds, "lt", r.lt());
                yield range;
            }
            case SearchFilter.NumberRange r -> {
                ObjectNode range = Json.object();
                ObjectNode bounds = range.putObject("range").putObject(field);
                if (r.gte() != null) bounds.put("gte", r.gte());
                if (r.gt() != null) bounds.put("gt", r.gt());
                if (r.lte() != null) bounds.put("lte", r.lte());
                if (r.lt() != null) bounds.put("lt", r.lt());
                if (r.currency() == null) yield range;
                ObjectNode both = Json.object();
                ArrayNode all = both.putObject("bool").putArray("filter");
                all.addObject().putObject("term").put("currency", r.currency());
                all.add(range);
                yield both;
            }
        };
    }

    private static void time(ObjectNode bounds, String op, Instant at) {
        if (at != null) bounds.put(op, at.toString());
    }

    static ObjectNode aggregations(SearchAggregations a) {
        ObjectNode aggs = Json.object();
        for (SearchField f : a.terms()) {
            aggs.putObject("terms_" + f.wire()).putObject("terms").put("field", f.documentField()).put("size", TERMS_SIZE);
        }
        if (a.histogram() != null) {
            ObjectNode h = aggs.putObject("histogram");
            h.putObject("date_histogram").put("field", a.histogram().field().documentField())
                    .put("calendar_interval", a.histogram().interval().wire()).put("time_zone", "UTC").put("min_doc_count", 1);
            h.putObject("aggs").set("per_currency", perCurrency());
        }
        if (a.totals()) aggs.set("totals", perCurrency());
        return aggs;
    }

    /** Count and sum of the totals per currency (the average is computed from them, exactly). */
    private static ObjectNode perCurrency() {
        ObjectNode terms = Json.object();
        terms.putObject("terms").put("field", "currency").put("size", TERMS_SIZE);
        terms.putObject("aggs").putObject("sum").putObject("sum").put("field", "total");
        return terms;
    }
}
