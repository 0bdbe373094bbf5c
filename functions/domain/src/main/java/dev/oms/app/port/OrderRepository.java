package dev.oms.app.port;

import dev.oms.domain.order.Order;
import java.util.Optional;

/**
 * Orders, their children (fulfilments, returns, ...) and their event items in the store. Every write is one atomic
 * transaction; reading an order reads its children with it.
 */
public interface OrderRepository {

    /** The order, including a soft-deleted one (the caller decides what to show), or empty. */
    Optional<Order> find(String tenantId, String orderId);

    /**
     * Atomically writes the order at {@code commit.expectedVersion() + 1} (or creates it when the expected version is
     * 0), its pending events and, if present, the completed idempotency record.
     *
     * @throws ConcurrentUpdateException when the stored version is not the expected one
     * @throws dev.oms.domain.DomainException {@code order.duplicate_external_reference} when another order already
     *         has the external reference
     */
    void commit(OrderCommit commit);

    /** Removes every item of the order for good; the commit's events are written to the tenant's audit log. */
    void hardDelete(OrderCommit commit);

    Page<Order> list(String tenantId, OrderFilter filter, PageRequest page);

    Optional<String> findIdByExternalReference(String tenantId, String externalReference);

    /**
     * The id of the order a child (a shipment, return, ...) belongs to, for routes that name only the child. Children
     * that can be addressed this way get a pointer written in the transaction that creates them.
     */
    Optional<String> findOrderIdOfChild(String tenantId, String childId);

    /** The last number a tenant's gapless counter gave out (0 before the first). */
    long counterValue(String tenantId, String counter);

    /**
     * {@link #commit} that also takes the counter's next number in the same transaction.
     *
     * @throws ConcurrentUpdateException when the order's version or the counter moved (read both again and retry)
     */
    void commit(OrderCommit commit, CounterClaim claim);

    /** The next human-readable order number of the tenant (gaps are possible, repeats are not). */
    long nextOrderNumber(String tenantId);
}
