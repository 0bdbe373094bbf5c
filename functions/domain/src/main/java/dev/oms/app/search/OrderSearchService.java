package dev.oms.app.search;

import dev.oms.app.CommandContext;
import dev.oms.app.port.PageRequest;

/**
 * {@code POST /v1/orders/search}: the caller's tenant's orders that match a query. The permission ({@code
 * orders:search}, which customers do not have) is checked by the route; the tenant is the caller's and only the
 * adapter's one tenant filter narrows the query to it.
 */
public final class OrderSearchService {
    private final OrderSearch search;

    public OrderSearchService(OrderSearch search) { this.search = search; }

    public SearchResult search(CommandContext ctx, SearchQuery query, PageRequest page) {
        return search.search(ctx.tenantId(), query, page);
    }
}
