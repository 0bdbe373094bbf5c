package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for documents people upload to an order: only PDF, PNG and JPEG, at most {@link #MAX_BYTES}, of a type
 * people provide (proof of delivery, customs papers, other) — labels, invoices and credit notes are made by the
 * system. The record starts {@code pending_upload}; it becomes {@code available} once the file has arrived with the
 * size that was declared (the upload link is signed for exactly that type and size).
 */
public final class DocumentUpload {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final Map<String, String> CONTENT_TYPES = Map.of("application/pdf", "pdf", "image/png", "png", "image/jpeg", "jpg");
    public static final Set<String> UPLOADABLE_TYPES = Set.of("proof_of_delivery", "customs", "other");

    private DocumentUpload() { }

    /** Checks the request and files a pending record for it on the order. */
    public static OrderDocument request(Order order, String documentId, String type, String fileName, String contentType, long size,
                                        String storageKey, String createdBy, Instant now) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (!UPLOADABLE_TYPES.contains(type)) {
            errors.add(new DomainException.FieldError("type", "document.type_not_uploadable", "type must be one of " + new java.util.TreeSet<>(UPLOADABLE_TYPES)));
        }
        checkFile(errors, "", contentType, size);
        return file(order, documentId, type, fileName, contentType, size, storageKey, null, createdBy, now, errors);
    }

    /**
     * A note's attachment ({@code note_attachment}, related to the note): the same file rules as other uploads;
     * {@code field} prefixes the field names of the errors ({@code attachments[0].}).
     */
    public static OrderDocument requestAttachment(Order order, String documentId, String noteId, String fileName, String contentType, long size,
                                                  String storageKey, String createdBy, Instant now, String field) {
        return requestAttachment(order, documentId, OrderNotes.ATTACHMENT_TYPE, noteId, fileName, contentType, size, storageKey, createdBy, now, field);
    }

    /** An attachment of type {@code type} ({@code note_attachment}, {@code message_attachment}) related to {@code relatedId}. */
    public static OrderDocument requestAttachment(Order order, String documentId, String type, String relatedId, String fileName, String contentType,
                                                  long size, String storageKey, String createdBy, Instant now, String field) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        checkFile(errors, field, contentType, size);
        return file(order, documentId, type, fileName, contentType, size, storageKey, relatedId, createdBy, now, errors);
    }

    private static void checkFile(List<DomainException.FieldError> errors, String field, String contentType, long size) {
        if (!CONTENT_TYPES.containsKey(contentType)) {
            errors.add(new DomainException.FieldError(field + "content_type", "document.content_type_not_allowed",
                    "content_type must be one of " + new java.util.TreeSet<>(CONTENT_TYPES.keySet())));
        }
        if (size < 1 || size > MAX_BYTES) {
            errors.add(new DomainException.FieldError(field + "size_bytes", "document.too_large", "size_bytes must be between 1 and " + MAX_BYTES));
        }
    }

    private static OrderDocument file(Order order, String documentId, String type, String fileName, String contentType, long size,
                                      String storageKey, String relatedId, String createdBy, Instant now, List<DomainException.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "document.upload_refused", "This file cannot be uploaded",
                    "Upload a PDF, PNG or JPEG of at most 10 MiB as proof_of_delivery, customs or other.", Map.of(), errors);
        }
        if (order.children(OrderDocument.class).size() >= 100) {
            throw DomainException.conflict("document.too_many", "An order holds at most 100 documents", "Remove documents you no longer need.");
        }
        OrderDocument doc = new OrderDocument(documentId, type, fileName, contentType, size, storageKey, OrderDocument.PENDING_UPLOAD,
                relatedId, createdBy, now);
        return order.attachDocument(doc, now);
    }

    /** The file arrived: with the declared size it is available; any other size is refused (and stays pending). */
    public static OrderDocument arrived(Order order, String documentId, long actualSize, Instant now) {
        OrderDocument doc = order.requireChild(OrderDocument.class, documentId, "document.not_found");
        if (doc.isAvailable()) return doc;
        if (doc.sizeBytes() != null && doc.sizeBytes() != actualSize) {
            throw DomainException.unprocessable("document.size_mismatch", "The uploaded file has " + actualSize + " bytes, " + doc.sizeBytes() + " were declared",
                    "Request a new upload link for the file you have.");
        }
        return order.attachDocument(doc.available(actualSize), now);
    }
}
