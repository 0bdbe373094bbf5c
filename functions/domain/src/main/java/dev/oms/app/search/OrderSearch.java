package dev.oms.app.search;

import dev.oms.app.port.PageRequest;

/** Port: the search engine's read side. Every query is scoped to {@code tenantId} by the adapter, in one place. */
public interface OrderSearch {
    /**
     * One page of the tenant's matching orders. {@code page.position()} is where the previous page ended (an
     * adapter-defined string), null for the first page.
     *
     * @throws SearchUnavailableException when the engine is not configured or does not answer
     */
    SearchResult search(String tenantId, SearchQuery query, PageRequest page);
}
