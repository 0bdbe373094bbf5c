package dev.oms.orders;

import static dev.oms.app.security.Permission.JOBS_MANAGE;
import static dev.oms.app.security.Permission.ORDERS_SEARCH;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.search.OrderSearchProjection;
import dev.oms.app.search.SearchQuery;
import dev.oms.app.search.SearchUnavailableException;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Seed 000 section 9: {@code POST /v1/orders/search}, the search DSL over the tenant's orders in OpenSearch, and
 * {@code POST /v1/orders/search/reindex}, one page of the rebuild of the tenant's index from the table. A search is a
 * read: no idempotency record; the rebuild is idempotent by nature (a document is only written when newer).
 */
public final class OrderSearchHandler extends ApiHandler {
    /** Search bodies are small: a query is refused past 16 KiB (the API's own limit is 256 KiB). */
    public static final int MAX_QUERY_BYTES = 16 * 1024;

    private final SearchApi p;
    private final Routes routes;

    public OrderSearchHandler() { this(SearchApi.get()); }

    OrderSearchHandler(SearchApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/search", r -> search(r, false)).requires(ORDERS_SEARCH),
                post("/v1/admin/orders/search", r -> search(r, true)).requires(ORDERS_SEARCH),
                post("/v1/orders/search/reindex", this::reindex).requires(JOBS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /** The search DSL; the admin route ({@code admin}) also takes the fraud filters and answers the fraud fields. */
    private ApiResponse search(ApiRequest r, boolean admin) {
        if (r.body() != null && r.body().getBytes(StandardCharsets.UTF_8).length > MAX_QUERY_BYTES) {
            throw new ApiProblem(413, "request.too_large", "A search body is at most " + MAX_QUERY_BYTES + " bytes",
                    "Send fewer values: an in list takes at most " + SearchQuery.MAX_VALUES + ".");
        }
        Body b = Body.parseOptional(r.body());
        SearchQuery query = SearchRequests.read(b, admin);
        String fingerprint = (admin ? "admin-search|" : "search|") + r.caller().tenantId() + "|" + r.caller().subject() + "|" + SearchRequests.fingerprint(b.node());
        var page = r.page(p.cursors, fingerprint);
        try {
            return SearchViews.render(available().search(r.command(), query, page), p.cursors, fingerprint, admin);
        } catch (SearchUnavailableException e) {
            throw unavailable(e.getMessage());
        }
    }

    private ApiResponse reindex(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String fingerprint = "reindex|" + r.caller().tenantId();
        var page = r.page(p.cursors, fingerprint);
        available();
        try {
            OrderSearchProjection.RebuildPage done = p.projection.rebuild(r.caller().tenantId(), page);
            var o = Json.object();
            o.put("indexed", done.indexed());
            o.put("unchanged", done.unchanged());
            o.put("removed", done.removed());
            o.put("next_cursor", p.cursors.encode(done.nextPosition(), fingerprint));
            o.put("has_more", done.nextPosition() != null);
            return ApiResponse.ok(o);
        } catch (SearchUnavailableException e) {
            throw unavailable(e.getMessage());
        }
    }

    private dev.oms.app.search.OrderSearchService available() {
        if (p.search == null) throw unavailable("Search is not configured for this deployment (OMS_SEARCH_ENDPOINT)");
        return p.search;
    }

    private static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "search.unavailable", detail, "Retry later; lookups by reference (POST /v1/orders/lookup) do not need the search engine.");
    }
}
