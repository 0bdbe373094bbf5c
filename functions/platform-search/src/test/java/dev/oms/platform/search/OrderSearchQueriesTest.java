package dev.oms.platform.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.CurrencyTotals;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchSort;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSearchQueriesTest {
    private static SearchQuery query(List<SearchFilter> filters, String text, List<SearchSort> sort, SearchAggregations aggs) {
        return new SearchQuery(filters, text, sort, aggs);
    }

    private static JsonNode filters(ObjectNode body) { return body.path("query").path("bool").path("filter"); }

    @Test
    void theTenantIsTheFirstFilterOfEveryQueryAndNothingElseCanWidenIt() {
        ObjectNode body = OrderSearchQueries.page("acme", query(List.of(
                new SearchFilter.Terms(SearchField.STATUS, List.of("confirmed"), false),
                new SearchFilter.Terms(SearchField.CHANNEL, List.of("web"), true)), "ada", List.of(), SearchAggregations.NONE), null, 11);
        assertThat(filters(body).get(0).toString()).isEqualTo("{\"term\":{\"tenant_id\":\"acme\"}}");
        // only filter (must hold) and must (the text): no should or top-level must_not that could admit other tenants
        assertThat(body.path("query").path("bool").has("should")).isFalse();
        assertThat(body.path("query").path("bool").has("must_not")).isFalse();
        assertThat(body.path("query").fieldNames().next()).isEqualTo("bool");
        assertThat(body.path("query").size()).isEqualTo(1);
        // a tenant id given as a filter value is just a value of that field
        ObjectNode other = OrderSearchQueries.page("globex", query(List.of(new SearchFilter.Terms(SearchField.CUSTOMER_ID, List.of("acme"), false)),
                null, List.of(), SearchAggregations.NONE), null, 5);
        assertThat(filters(other).get(0).toString()).isEqualTo("{\"term\":{\"tenant_id\":\"globex\"}}");
        assertThatThrownBy(() -> OrderSearchQueries.page(" ", query(List.of(), null, List.of(), SearchAggregations.NONE), null, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachKindOfFilterBecomesItsClause() {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        ObjectNode body = OrderSearchQueries.page("t", query(List.of(
                new SearchFilter.Terms(SearchField.SKU, List.of("A", "B"), false),
                new SearchFilter.Terms(SearchField.CHANNEL, List.of("web"), true),
                new SearchFilter.TimeRange(SearchField.CREATED_AT, from, null, null, from.plusSeconds(86400)),
                new SearchFilter.NumberRange(SearchField.TOTAL, "GBP", 1000L, null, null, 5000L),
                new SearchFilter.NumberRange(SearchField.ORDER_NUMBER, null, null, 7L, null, null)), null, List.of(), SearchAggregations.NONE), null, 51);
        JsonNode f = filters(body);
        assertThat(f.get(1).toString()).isEqualTo("{\"terms\":{\"skus\":[\"A\",\"B\"]}}");
        assertThat(f.get(2).toString()).isEqualTo("{\"bool\":{\"must_not\":[{\"terms\":{\"channel\":[\"web\"]}}]}}");
        assertThat(f.get(3).toString()).isEqualTo("{\"range\":{\"created_at\":{\"gte\":\"2026-12-01T00:00:00Z\",\"lt\":\"2026-12-02T00:00:00Z\"}}}");
        assertThat(f.get(4).toString()).isEqualTo("{\"bool\":{\"filter\":[{\"term\":{\"currency\":\"GBP\"}},{\"range\":{\"total\":{\"gte\":1000,\"lt\":5000}}}]}}");
        assertThat(f.get(5).toString()).isEqualTo("{\"range\":{\"order_number\":{\"gt\":7}}}");
        assertThat(body.path("size").asInt()).isEqualTo(51);
        assertThat(body.path("track_total_hits").asBoolean()).isTrue();
    }

    @Test
    void textIsACrossFieldsMatchOfEveryWordAndSortsEndWithTheOrderId() {
        ObjectNode body = OrderSearchQueries.page("t", query(List.of(), "ada london", List.of(), SearchAggregations.NONE), null, 5);
        JsonNode match = body.path("query").path("bool").path("must").get(0).path("multi_match");
        assertThat(match.path("query").asText()).isEqualTo("ada london");
        assertThat(match.path("operator").asText()).isEqualTo("and");
        assertThat(body.path("sort").toString()).isEqualTo("[{\"_score\":{\"order\":\"desc\"}},{\"id\":{\"order\":\"asc\"}}]");

        ObjectNode newest = OrderSearchQueries.page("t", query(List.of(), null, List.of(), SearchAggregations.NONE), Json.array().add(5).add("ord_1"), 5);
        assertThat(newest.path("sort").toString()).isEqualTo("[{\"created_at\":{\"order\":\"desc\"}},{\"id\":{\"order\":\"asc\"}}]");
        assertThat(newest.path("search_after").toString()).isEqualTo("[5,\"ord_1\"]");

        ObjectNode byId = OrderSearchQueries.page("t", query(List.of(), null, List.of(new SearchSort(SearchField.ID, true)), SearchAggregations.NONE), null, 5);
        assertThat(byId.path("sort").toString()).isEqualTo("[{\"id\":{\"order\":\"desc\"}}]");
    }

    @Test
    void aggregationsAskForCountsAndSumsPerCurrency() {
        ObjectNode body = OrderSearchQueries.page("t", query(List.of(), null, List.of(), new SearchAggregations(List.of(SearchField.STATUS),
                new SearchAggregations.Histogram(SearchField.CREATED_AT, SearchAggregations.Interval.WEEK), true)), null, 5);
        JsonNode aggs = body.path("aggs");
        assertThat(aggs.path("terms_status").path("terms").path("field").asText()).isEqualTo("status");
        assertThat(aggs.path("histogram").path("date_histogram").path("calendar_interval").asText()).isEqualTo("week");
        assertThat(aggs.path("histogram").path("aggs").path("per_currency").path("aggs").path("sum").path("sum").path("field").asText()).isEqualTo("total");
        assertThat(aggs.path("totals").path("terms").path("field").asText()).isEqualTo("currency");
        assertThat(OrderSearchQueries.page("t", query(List.of(), null, List.of(), SearchAggregations.NONE), null, 5).has("aggs")).isFalse();
    }

    @Test
    void averagesAreRoundedHalfUpAndSumsStayExact() {
        assertThat(new CurrencyTotals("GBP", 2, 1001).average()).isEqualTo(501);
        assertThat(new CurrencyTotals("GBP", 3, 1000).average()).isEqualTo(333);
        assertThat(new CurrencyTotals("GBP", 3, 1001).average()).isEqualTo(334);
        assertThat(new CurrencyTotals("JPY", 0, 0).average()).isZero();
        JsonNode response = Json.object().set("totals", Json.valueToTree(java.util.Map.of("buckets", List.of(
                java.util.Map.of("key", "KWD", "doc_count", 2, "sum", java.util.Map.of("value", 9_007_199_254_740_990d))))));
        var totals = OpenSearchOrders.aggregated(new SearchAggregations(List.of(), null, true), response).totals();
        assertThat(totals.getFirst().sum()).isEqualTo(9_007_199_254_740_990L);
    }
}
