package dev.oms.app.port;

import dev.oms.domain.order.EditQuote;
import java.util.Optional;

/**
 * Edit quotes, stored beside (not in) their order so that quoting changes nothing of the order: not its version, not
 * its timeline. A quote is kept a day past its expiry, so a late apply is answered {@code quote.expired}, not 404.
 */
public interface EditQuoteStore {
    /** Stores a new quote and, when the request had an Idempotency-Key, its completed record in the same transaction. */
    void create(EditQuote quote, IdempotencyRecord idempotency);

    /** Writes a revised quote over the one of the same id, and the request's idempotency record, in one transaction. */
    void replace(EditQuote quote, IdempotencyRecord idempotency);

    Optional<EditQuote> find(String tenantId, String orderId, String quoteId);

    /** A quote of the tenant by its id alone (quote ids are unique in a tenant). */
    Optional<EditQuote> find(String tenantId, String quoteId);

    /** The tenant's {@code quote_ttl_minutes} setting, or {@code fallback} when it has none. */
    int ttlMinutes(String tenantId, int fallback);
}
