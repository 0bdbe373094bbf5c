package dev.oms.orders;

import dev.oms.app.search.OrderSearchProjection;
import dev.oms.app.search.OrderSearchService;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.search.OpenSearchOrders;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the search functions: the OpenSearch order index (null when {@code OMS_SEARCH_ENDPOINT}
 * is not set: the routes then answer 503 {@code search.unavailable}) and the table, for the rebuild.
 */
final class SearchApi {
    private static final Once<SearchApi> INSTANCE = Once.of(() -> new SearchApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OpenSearchOrders engine;
    final OrderSearchService search;
    final OrderSearchProjection projection;

    private SearchApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        engine = OpenSearchOrders.fromEnvironment();
        search = engine == null ? null : new OrderSearchService(engine);
        projection = engine == null ? null : new OrderSearchProjection(core.repository, engine);
    }

    static SearchApi get() { return INSTANCE.get(); }
}
