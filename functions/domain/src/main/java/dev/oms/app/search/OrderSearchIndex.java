package dev.oms.app.search;

/** Port: the search engine's write side, fed by the projector and the rebuild. */
public interface OrderSearchIndex {
    /**
     * Writes the document unless the index already holds this order at the same or a newer version (the stream may
     * deliver an older record late, a rebuild may race the projector): true when it was written.
     */
    boolean index(OrderSearchDocument document);

    /** Removes the order from the index, unless it holds a version newer than {@code version}. */
    void delete(String tenantId, String orderId, long version);
}
