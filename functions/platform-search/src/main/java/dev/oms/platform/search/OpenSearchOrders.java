package dev.oms.platform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oms.app.port.PageRequest;
import dev.oms.app.search.CurrencyTotals;
import dev.oms.app.search.OrderSearch;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.search.OrderSearchIndex;
import dev.oms.app.search.SearchAggregations;
import dev.oms.app.search.SearchField;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchResult;
import dev.oms.app.search.SearchUnavailableException;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The order index in OpenSearch: one document per order, id {@code <tenant>:<order id>}, written with external
 * versioning on the order's version ({@code version_type=external}), so a write of an older version than the index
 * holds is refused by the engine itself (409) and never overwrites a newer one. The index is created with its
 * mapping on first use.
 */
public final class OpenSearchOrders implements OrderSearch, OrderSearchIndex {
    /** Sums of doubles are exact for integers below 2^53: beyond that a per-currency sum could be off by a unit. */
    static final double EXACT_LIMIT = 9_007_199_254_740_992d;

    private final OpenSearchHttp http;
    private final String index;
    private volatile boolean indexReady;

    public OpenSearchOrders(OpenSearchHttp http) {
        this.http = http;
        this.index = http.settings().index();
    }

    /** From {@link SearchSettings#fromEnvironment()}, or null when search is not configured. */
    public static OpenSearchOrders fromEnvironment() {
        SearchSettings settings = SearchSettings.fromEnvironment();
        return settings == null ? null : new OpenSearchOrders(new OpenSearchHttp(settings));
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    @Override
    public boolean index(OrderSearchDocument d) {
        ensureIndex();
        var r = http.send("PUT", docPath(d.tenantId(), d.id()) + "?version=" + d.version() + "&version_type=external",
                OrderSearchDocumentJson.toJson(d));
        if (r.status() == 409) return false;
        if (!r.ok()) throw new IllegalStateException("Indexing order " + d.id() + " failed (" + r.status() + "): " + r.body());
        return true;
    }

    @Override
    public void delete(String tenantId, String orderId, long version) {
        ensureIndex();
        var r = http.send("DELETE", docPath(tenantId, orderId) + "?version=" + version + "&version_type=external", null);
        if (r.ok() || r.status() == 404 || r.status() == 409) return;
        throw new IllegalStateException("Removing order " + orderId + " from the index failed (" + r.status() + "): " + r.body());
    }

    /**
     * Writes many documents in one {@code _bulk} request, each with the same external versioning as {@link #index};
     * answers how many were written (the others were not newer than what the index holds).
     */
    public int indexAll(List<OrderSearchDocument> documents) {
        if (documents.isEmpty()) return 0;
        ensureIndex();
        StringBuilder lines = new StringBuilder();
        for (OrderSearchDocument d : documents) {
            var action = Json.object();
            action.putObject("index").put("_index", index).put("_id", d.tenantId() + ":" + d.id())
                    .put("version", d.version()).put("version_type", "external");
            lines.append(Json.write(action)).append('\n').append(Json.write(OrderSearchDocumentJson.toJson(d))).append('\n');
        }
        var r = http.sendLines("/_bulk", lines.toString());
        if (!r.ok()) throw new IllegalStateException("Bulk indexing failed (" + r.status() + "): " + r.body());
        int written = 0;
        for (JsonNode item : r.body().path("items")) {
            int status = item.path("index").path("status").asInt();
            if (status >= 200 && status < 300) written++;
            else if (status != 409) throw new IllegalStateException("Bulk indexing failed for " + item.path("index").path("_id").asText() + ": " + item);
        }
        return written;
    }

    /** Makes what was written visible to searches now (tests and the rebuild; the engine does it every second anyway). */
    public void refresh() {
        ensureIndex();
        http.send("POST", "/" + index + "/_refresh", null);
    }

    private String docPath(String tenantId, String orderId) {
        return "/" + index + "/_doc/" + URLEncoder.encode(tenantId + ":" + orderId, StandardCharsets.UTF_8);
    }

    private void ensureIndex() {
        if (indexReady) return;
        var head = http.send("HEAD", "/" + index, null);
        if (head.status() == 404) {
            var created = http.send("PUT", "/" + index, OrderSearchDocumentJson.mapping());
            boolean raced = created.status() == 400 && created.body().path("error").path("type").asText().equals("resource_already_exists_exception");
            if (!created.ok() && !raced) throw new IllegalStateException("Creating the search index failed (" + created.status() + "): " + created.body());
        } else if (head.ok()) {
            // an index made by an older version: its mapping gains the fields added since (additive; known ones unchanged)
            var mapped = http.send("PUT", "/" + index + "/_mapping", (com.fasterxml.jackson.databind.node.ObjectNode) OrderSearchDocumentJson.mapping().get("mappings"));
            if (!mapped.ok()) throw new IllegalStateException("Updating the search index mapping failed (" + mapped.status() + "): " + mapped.body());
        }
        indexReady = true;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    @Override
    public SearchResult search(String tenantId, SearchQuery query, PageRequest page) {
        ensureIndex();
        JsonNode after = page.position() == null ? null : parsePosition(page.position());
        var body = OrderSearchQueries.page(tenantId, query, after, page.limit() + 1);
        var r = http.send("POST", "/" + index + "/_search", body);
        if (!r.ok()) {
            // the DSL is checked before it gets here: a refusal is the adapter's fault, not the caller's
            throw new SearchUnavailableException("The search engine refused the query (" + r.status() + "): " + r.body().path("error"), null);
        }
        JsonNode hits = r.body().path("hits");
        List<OrderSearchDocument> docs = new ArrayList<>();
        String next = null;
        int i = 0;
        for (JsonNode hit : hits.path("hits")) {
            if (i++ == page.limit()) break;
            docs.add(OrderSearchDocumentJson.fromHit(tenantId, hit.path("_source")));
            next = Json.write(hit.path("sort"));
        }
        boolean more = hits.path("hits").size() > page.limit();
        return new SearchResult(docs, hits.path("total").path("value").asLong(), more ? next : null,
                aggregated(query.aggregations(), r.body().path("aggregations")));
    }

    private static JsonNode parsePosition(String position) {
        try {
            JsonNode n = Json.parse(position);
            if (n instanceof ArrayNode) return n;
        } catch (Exception ignored) { }
        // positions come out of signed cursors: one that does not parse was not issued by this adapter
        throw new IllegalStateException("Not a search position: " + position);
    }

    static SearchResult.Aggregated aggregated(SearchAggregations asked, JsonNode aggs) {
        if (!asked.any()) return SearchResult.Aggregated.NONE;
        List<SearchResult.Terms> terms = new ArrayList<>();
        for (SearchField f : asked.terms()) {
            JsonNode t = aggs.path("terms_" + f.wire());
            List<SearchResult.Bucket> buckets = new ArrayList<>();
            for (JsonNode b : t.path("buckets")) buckets.add(new SearchResult.Bucket(b.path("key").asText(), b.path("doc_count").asLong()));
            terms.add(new SearchResult.Terms(f, buckets, t.path("sum_other_doc_count").asLong()));
        }
        List<SearchResult.Interval> histogram = null;
        if (asked.histogram() != null) {
            histogram = new ArrayList<>();
            for (JsonNode b : aggs.path("histogram").path("buckets")) {
                histogram.add(new SearchResult.Interval(Times.format(java.time.Instant.ofEpochMilli(b.path("key").asLong())), b.path("doc_count").asLong(), totals(b.path("per_currency"))));
            }
        }
        return new SearchResult.Aggregated(terms, histogram, asked.totals() ? totals(aggs.path("totals")) : null);
    }

    private static List<CurrencyTotals> totals(JsonNode perCurrency) {
        List<CurrencyTotals> out = new ArrayList<>();
        for (JsonNode b : perCurrency.path("buckets")) {
            double sum = b.path("sum").path("value").asDouble();
            if (Math.abs(sum) >= EXACT_LIMIT) {
                throw DomainException.unprocessable("search.sum_too_large", "The " + b.path("key").asText()
                        + " totals of the matching orders add up to more than can be summed exactly (2^53 minor units)", "Narrow the filters.");
            }
            out.add(new CurrencyTotals(b.path("key").asText(), b.path("doc_count").asLong(), (long) sum));
        }
        return out;
    }
}
