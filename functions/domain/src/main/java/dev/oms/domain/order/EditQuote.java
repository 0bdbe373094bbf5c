package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * A priced edit that has not been applied: bound to the order version it was made on and valid until
 * {@code expiresAt}. Applying it re-prices the same changes on the current order; the figures must be the same.
 * {@code appliedEditId} is set once it was applied (a quote is applied at most once).
 */
public record EditQuote(String id, String tenantId, String orderId, long basedOnVersion, String createdBy, Instant createdAt,
                        Instant expiresAt, String reason, List<EditChange> changes, EditPreview preview, String appliedEditId) {
    public EditQuote { changes = List.copyOf(changes); }

    public boolean isExpiredAt(Instant now) { return !now.isBefore(expiresAt); }

    public EditQuote appliedAs(String editId) {
        return new EditQuote(id, tenantId, orderId, basedOnVersion, createdBy, createdAt, expiresAt, reason, changes, preview, editId);
    }
}
