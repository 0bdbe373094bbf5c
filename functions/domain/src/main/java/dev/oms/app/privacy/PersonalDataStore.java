package dev.oms.app.privacy;

import dev.oms.app.port.CommandMeta;
import java.util.List;

/**
 * Where a customer's personal data lives beyond the order's domain records, rewritten in place: every item of an
 * order (the header, its children, its events) and the webhook deliveries of its events. Pseudonymising replaces the
 * customer's identifiers with the request's pseudonym, clears addresses down to country and region, and replaces free
 * text (messages, notes, instructions) and metadata; amounts, dates, numbers, SKUs and quantities stay.
 */
public interface PersonalDataStore {
    /**
     * What erasing one order changed: items and events rewritten, and the stored files to delete (not invoices or credit
     * notes); {@code alreadyErased}: this request had erased it before, and these are the counts and files of then.
     */
    record ErasedOrder(String orderId, long itemsRewritten, long eventsRewritten, List<String> filesToDelete, boolean alreadyErased) { }

    /**
     * Pseudonymises one order (idempotent: an order already erased by this request is answered as it is) and records
     * {@code order.personal_data_erased} on it, with the order's next version, in the same transaction as its header.
     */
    ErasedOrder eraseOrder(String tenantId, String orderId, String requestId, List<String> identifiers, String pseudonym, String eventId,
                           CommandMeta meta);

    /** Pseudonymises the logged webhook deliveries of these orders' events; answers how many it rewrote. */
    long eraseDeliveries(String tenantId, List<String> orderIds, List<String> identifiers, String pseudonym);

    /** Removes what the OMS keeps about the customer outside orders (the impersonation choice). */
    void eraseCustomerRecords(String tenantId, String customerId);
}
