package dev.oms.orders;

import dev.oms.app.search.OrderSearchProjection;
import dev.oms.app.search.OrderSearchService;
import dev.oms.platform.BackgroundInit;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.ids.UlidIds;
import dev.oms.platform.search.OpenSearchOrders;
import java.time.Clock;

/**
 * The composition root of the search functions: the OpenSearch order index (null when {@code OMS_SEARCH_ENDPOINT}
 * is not set: the routes then answer 503 {@code search.unavailable}) and the table (idempotency records, and the
 * orders the rebuild reads). No connectors: search calls no vendor, so its jar carries none.
 */
final class SearchApi {
    final Clock clock = Clock.systemUTC();
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OpenSearchOrders engine;
    final OrderSearchService search;
    final OrderSearchProjection projection;

    private SearchApi() {
        BackgroundInit.start();
        SingleTable table = SingleTable.fromEnvironment();
        idempotency = new IdempotencyStore(table, clock);
        cursors = Cursors.fromEnvironment();
        engine = OpenSearchOrders.fromEnvironment();
        search = engine == null ? null : new OrderSearchService(engine);
        projection = engine == null ? null : new OrderSearchProjection(new DynamoOrderRepository(table, new UlidIds()), engine);
    }

    /** Built on first use, once (the JVM's lazy, thread-safe class initialisation). */
    private static final class Instance {
        static final SearchApi VALUE = new SearchApi();
    }

    static SearchApi get() { return Instance.VALUE; }
}
