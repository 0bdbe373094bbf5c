package dev.oms.orders;

import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.port.PageRequest;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchSort;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.Cursors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /merchant/api/v1/domains/{domainId}/orders}, read into the search DSL ({@link SearchQuery}):
 * every filter and sort is a field of the search index. Pages: {@code page} and {@code limit} (1-100, default 20) up to
 * {@link #WINDOW} orders deep ({@code page × limit}; past it 400 {@code page.window_exceeded}), or {@code cursor} (from
 * {@code next_cursor}) to any depth.
 */
record MerchantListQuery(SearchQuery query, int page, int limit, String position, String fingerprint) {
    static final int WINDOW = 1000, DEFAULT_LIMIT = 20, MAX_LIMIT = 100;
    static final Set<String> SORT_FIELDS = Set.of("created_at", "updated_at", "order_number", "total", "status", "payment_status", "fulfillment_status");
    static final Set<String> PAYMENT_STATUSES = Set.of("unpaid", "pending", "partially_authorized", "authorized", "partially_paid", "paid", "partially_refunded", "refunded");
    /** The seed's {@code partial} is the canonical {@code partially_fulfilled}. */
    static final Map<String, String> FULFILLMENT_STATUSES = Map.of("unfulfilled", "unfulfilled", "partial", "partially_fulfilled",
            "partially_fulfilled", "partially_fulfilled", "fulfilled", "fulfilled");

    static MerchantListQuery read(ApiRequest r, Cursors cursors) {
        List<SearchFilter> filters = new ArrayList<>();
        String status = r.query("status");
        if (status != null) {
            if (!MerchantStatus.wires().contains(status)) throw invalid("status", "field.not_allowed", "status is one of " + MerchantStatus.wires());
            filters.addAll(MerchantStatusFilters.of(MerchantStatus.fromWire(status)));
        }
        for (String name : List.of("payment_status", "financial_status")) {
            String v = r.query(name);
            if (v == null) continue;
            if (!PAYMENT_STATUSES.contains(v)) throw invalid(name, "field.not_allowed", name + " is one of " + PAYMENT_STATUSES);
            filters.add(terms(SearchField.PAYMENT_STATUS, v));
        }
        String fulfillment = r.query("fulfillment_status");
        if (fulfillment != null) {
            String canonical = FULFILLMENT_STATUSES.get(fulfillment);
            if (canonical == null) throw invalid("fulfillment_status", "field.not_allowed", "fulfillment_status is one of unfulfilled, partial, fulfilled");
            filters.add(terms(SearchField.FULFILLMENT_STATUS, canonical));
        }
        String customer = text(r, "customer_id", 128);
        if (customer != null) filters.add(terms(SearchField.CUSTOMER_ID, customer));
        String store = text(r, "store_id", 128);
        if (store != null) filters.add(terms(SearchField.CHANNEL, store));
        Instant from = day(r, "date_from", false), to = day(r, "date_to", true);
        if (from != null && to != null && !from.isBefore(to)) throw invalid("date_from", "search.empty_range", "date_from must be before date_to");
        if (from != null || to != null) filters.add(new SearchFilter.TimeRange(SearchField.CREATED_AT, from, null, null, to));
        String search = text(r, "search", SearchQuery.MAX_TEXT);
        String q = null;
        if (search != null) {
            if (search.matches("#?[0-9]{1,18}")) filters.add(new SearchFilter.NumberRange(SearchField.ORDER_NUMBER, null,
                    Long.parseLong(search.replace("#", "")), null, Long.parseLong(search.replace("#", "")), null));
            else q = search;
        }
        String sortBy = r.query("sort_by");
        if (sortBy != null && !SORT_FIELDS.contains(sortBy)) throw invalid("sort_by", "field.not_allowed", "sort_by is one of " + SORT_FIELDS);
        String order = r.query("sort_order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) throw invalid("sort_order", "field.not_allowed", "sort_order is asc or desc");
        List<SearchSort> sort = List.of(new SearchSort(SearchField.fromWire(sortBy == null ? "created_at" : sortBy).orElseThrow(), !"asc".equals(order)));

        Long limit = r.longQuery("limit", 1);
        if (limit != null && limit > MAX_LIMIT) throw invalid("limit", "field.out_of_range", "limit must be between 1 and " + MAX_LIMIT);
        Long page = r.longQuery("page", 1);
        int l = limit == null ? DEFAULT_LIMIT : limit.intValue();
        String cursor = r.query("cursor");
        if (cursor != null && page != null && page > 1) throw invalid("cursor", "field.conflict", "send page or cursor, not both");
        int p = page == null ? 1 : (int) Math.min(page, Integer.MAX_VALUE);
        if ((long) p * l > WINDOW) {
            throw invalid("page", "page.window_exceeded", "page × limit may not pass " + WINDOW + " orders; follow next_cursor to go deeper");
        }
        String fingerprint = "merchant-orders|" + r.caller().tenantId() + "|" + r.caller().subject() + "|" + filters + "|" + q + "|" + sort + "|" + l;
        String position = cursors.decode(cursor, fingerprint);
        return new MerchantListQuery(new SearchQuery(filters, q, sort, SearchAggregations.NONE), p, l, position, fingerprint);
    }

    /** The page to ask the index for: a cursor's page, or the first {@code page × limit} hits (the last {@code limit} are shown). */
    PageRequest request() { return position != null ? new PageRequest(position, limit) : new PageRequest(null, page * limit); }

    /** How many leading hits of the answer are skipped (earlier pages). */
    int skip() { return position != null ? 0 : (page - 1) * limit; }

    static SearchFilter.Terms terms(SearchField f, String... values) { return new SearchFilter.Terms(f, List.of(values), false); }

    private static String text(ApiRequest r, String name, int max) {
        String v = r.query(name);
        if (v == null) return null;
        if (v.isBlank() || v.length() > max) throw invalid(name, "field.length", name + " is 1 to " + max + " characters");
        return v;
    }

    /** {@code 2026-12-04} (the whole day: from its start, or to the end of it) or an RFC 3339 time. */
    private static Instant day(ApiRequest r, String name, boolean end) {
        String v = r.query(name);
        if (v == null) return null;
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "field.format", name + " is a date (2026-12-04) or an RFC 3339 time");
        }
    }

    private static DomainException invalid(String field, String code, String message) { return DomainException.invalidField(field, code, message); }
}
