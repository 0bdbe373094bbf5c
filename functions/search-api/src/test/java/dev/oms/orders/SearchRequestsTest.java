package dev.oms.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchFilter;
import dev.oms.app.search.SearchQuery;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.Body;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestsTest {
    private static SearchQuery read(String json) { return SearchRequests.read(Body.parse(json)); }

    private static List<String> codes(String json) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> read(json));
        assertThat(e).as(json).isNotNull();
        return e.fieldErrors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    @Test
    void readsEveryPartOfTheDsl() {
        SearchQuery q = read("""
                {"filters": {"status": {"in": ["confirmed", "on_hold"]}, "channel": {"not_in": ["web"]}, "sku": {"eq": "A"},
                             "created_at": {"gte": "2026-12-01T00:00:00+01:00"}, "total": {"currency": "GBP", "eq": 500},
                             "order_number": {"gt": 10, "lte": 20}},
                 "q": "ada", "sort": [{"field": "_score"}, {"field": "total", "order": "desc"}],
                 "aggregations": {"terms": ["status", "currency"], "histogram": {"interval": "month"}, "totals": true}}""");
        assertThat(q.filters()).containsExactly(
                new SearchFilter.Terms(SearchField.STATUS, List.of("confirmed", "on_hold"), false),
                new SearchFilter.Terms(SearchField.CHANNEL, List.of("web"), true),
                new SearchFilter.Terms(SearchField.SKU, List.of("A"), false),
                new SearchFilter.TimeRange(SearchField.CREATED_AT, Instant.parse("2026-11-30T23:00:00Z"), null, null, null),
                new SearchFilter.NumberRange(SearchField.TOTAL, "GBP", 500L, null, 500L, null),
                new SearchFilter.NumberRange(SearchField.ORDER_NUMBER, null, null, 10L, 20L, null));
        assertThat(q.text()).isEqualTo("ada");
        assertThat(q.sort()).hasSize(2);
        assertThat(q.sort().getFirst().field()).isNull();
        assertThat(q.sort().get(1).descending()).isTrue();
        assertThat(q.aggregations()).isEqualTo(new SearchAggregations(List.of(SearchField.STATUS, SearchField.CURRENCY),
                new SearchAggregations.Histogram(SearchField.CREATED_AT, SearchAggregations.Interval.MONTH), true));
        assertThat(read("{}").effectiveSort().getFirst().field()).isEqualTo(SearchField.CREATED_AT);
    }

    @Test
    void refusesWhatTheDslDoesNotSayAndListsEveryProblem() {
        assertThat(codes("{\"filters\": {\"colour\": {\"eq\": \"red\"}}, \"size\": 5}")).containsExactlyInAnyOrder("filters.colour:field.unknown", "size:field.unknown");
        assertThat(codes("{\"filters\": {\"status\": {\"like\": \"x\"}}}")).contains("filters.status.like:field.unknown");
        assertThat(codes("{\"filters\": {\"status\": {\"eq\": \"lost\"}}}")).containsExactly("filters.status.eq:field.not_allowed");
        assertThat(codes("{\"filters\": {\"channel\": {\"eq\": \"a\", \"in\": [\"b\"]}}}")).containsExactly("filters.channel.in:search.operator_conflict");
        assertThat(codes("{\"filters\": {\"total\": {\"gte\": 1}}}")).containsExactly("filters.total.currency:field.required");
        assertThat(codes("{\"filters\": {\"total\": {\"currency\": \"XXY\", \"gte\": 1}}}")).containsExactly("filters.total.currency:currency.unknown");
        assertThat(codes("{\"filters\": {\"total\": {\"currency\": \"GBP\", \"gt\": 5, \"lt\": 6}}}")).containsExactly("filters.total.gte:search.empty_range");
        assertThat(codes("{\"filters\": {\"total\": {\"currency\": \"GBP\", \"eq\": 5, \"lt\": 6}}}")).containsExactly("filters.total.eq:search.operator_conflict");
        assertThat(codes("{\"filters\": {\"created_at\": {}}}")).containsExactly("filters.created_at.gte:field.required");
        assertThat(codes("{\"filters\": {\"created_at\": {\"gt\": \"2026-12-02T00:00:00Z\", \"lt\": \"2026-12-02T00:00:00Z\"}}}")).containsExactly("filters.created_at.gte:search.empty_range");
        assertThat(codes("{\"sort\": [{\"field\": \"_score\"}]}")).containsExactly("sort[0].field:search.relevance_without_q");
        assertThat(codes("{\"sort\": [{\"field\": \"channel\"}, {\"field\": \"total\"}, {\"field\": \"total\"}]}"))
                .containsExactly("sort[0].field:field.not_allowed", "sort[2].field:field.duplicate");
        assertThat(codes("{\"aggregations\": {\"terms\": [\"sku\"], \"histogram\": {\"field\": \"created_at\"}}}"))
                .containsExactlyInAnyOrder("aggregations.terms:field.not_allowed", "aggregations.histogram.interval:field.required");
    }

    @Test
    void aCursorIsBoundToTheFiltersTextAndSortButNotTheAggregations() {
        var a = Body.parse("{\"filters\": {\"sku\": {\"eq\": \"A\"}}, \"aggregations\": {\"totals\": true}}").node();
        var b = Body.parse("{\"filters\": {\"sku\": {\"eq\": \"A\"}}}").node();
        var c = Body.parse("{\"filters\": {\"sku\": {\"eq\": \"B\"}}}").node();
        assertThat(SearchRequests.fingerprint(a)).isEqualTo(SearchRequests.fingerprint(b)).isNotEqualTo(SearchRequests.fingerprint(c));
    }
}
