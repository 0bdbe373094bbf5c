package dev.oms.domain.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A customer's request to erase their personal data (GDPR article 17): {@code pending} until the workflow checks it,
 * {@code running} while it pseudonymises, then {@code completed} (with its {@link Certificate}), {@code rejected}
 * (with the {@link Blocker}s that keep the data: a legal hold, an open return, a dispute, an order still under way)
 * or {@code failed}. While it runs it knows the customer ({@code customerId}, {@code identifiers}: the ids the customer
 * signed in with) and the orders it erases; once it ends only {@code subjectDigest} (SHA-256 of tenant and customer)
 * is kept, so the request itself holds no personal data.
 */
public record ErasureRequest(String tenantId, String id, String subjectDigest, String customerId, List<String> identifiers,
                             String pseudonym, String status, List<String> orderIds, int position, List<Blocker> blockers,
                             Certificate certificate, String failure, Instant requestedAt, Instant updatedAt, long version) {
    public static final String PENDING = "pending", RUNNING = "running", COMPLETED = "completed", REJECTED = "rejected", FAILED = "failed";
    public static final Set<String> FINAL = Set.of(COMPLETED, REJECTED, FAILED);
    /** What is kept of an erased order, because tax law needs it. */
    public static final List<String> KEPT = List.of("amounts and currencies", "dates", "order and invoice numbers", "SKUs and quantities",
            "the country and region of each address", "invoices and credit notes as issued");

    public ErasureRequest {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
    }

    public boolean isFinal() { return FINAL.contains(status); }

    /** An order that keeps the customer's data for now, and why ({@code order.legal_hold}, {@code return.open}, ...). */
    public record Blocker(String orderId, String code, String message) { }

    /** What the erasure did: how many orders, items, events, webhook deliveries and documents it changed or removed. */
    public record Certificate(int ordersErased, long itemsRewritten, long eventsRewritten, long deliveriesRewritten, long documentsDeleted,
                              List<String> kept, Instant completedAt) { }

    public ErasureRequest with(String newStatus, List<String> newOrderIds, int newPosition, List<Blocker> newBlockers, Certificate newCertificate,
                               String newFailure, Instant at) {
        boolean ended = FINAL.contains(newStatus);
        return new ErasureRequest(tenantId, id, subjectDigest, ended ? null : customerId, ended ? List.of() : identifiers, pseudonym, newStatus,
                ended ? List.of() : newOrderIds, newPosition, newBlockers, newCertificate, newFailure, requestedAt, at, version + 1);
    }
}
