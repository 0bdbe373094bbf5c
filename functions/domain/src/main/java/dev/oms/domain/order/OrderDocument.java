package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.Set;

/**
 * A file that belongs to the order: a shipping label, packing slip, invoice or credit note the system produced, or a
 * document someone uploaded (a signed proof of delivery, customs papers). The file lives in object storage under
 * {@code storageKey}; the OMS keeps only this record. An upload is {@code pending_upload} until the file has arrived.
 */
public record OrderDocument(String id, String type, String fileName, String contentType, Long sizeBytes, String storageKey,
                            String status, String relatedId, String createdBy, Instant createdAt) implements OrderChild {
    public static final Set<String> TYPES = Set.of("label", "return_label", "packing_slip", "invoice", "credit_note",
            "proof_of_delivery", "customs", "other", OrderNotes.ATTACHMENT_TYPE, OrderMessages.ATTACHMENT_TYPE,
            OrderCases.ATTACHMENT_TYPE);
    public static final String PENDING_UPLOAD = "pending_upload", AVAILABLE = "available";

    public OrderDocument {
        if (!TYPES.contains(type)) {
            throw DomainException.invalidField("type", "document.type_unknown", "type must be one of " + new java.util.TreeSet<>(TYPES));
        }
    }

    @Override
    public String kind() { return "document"; }

    public boolean isAvailable() { return AVAILABLE.equals(status); }

    public OrderDocument available(long size) {
        return new OrderDocument(id, type, fileName, contentType, size, storageKey, AVAILABLE, relatedId, createdBy, createdAt);
    }
}
