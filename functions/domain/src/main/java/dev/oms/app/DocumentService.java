package dev.oms.app;

import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.DocumentUpload;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The order's documents: labels, packing slips, invoices and credit notes the system made, and uploads. Files are in
 * storage and reached through presigned links only. An upload is filed {@code pending_upload} with a link signed for
 * its declared type and size; reading it checks whether the file has arrived and, if so, makes it {@code available}.
 */
public final class DocumentService {
    public static final Duration DOWNLOAD_TTL = Duration.ofMinutes(15);
    public static final Duration UPLOAD_TTL = Duration.ofMinutes(15);

    private final OrderTransactions tx;
    private final DocumentStorage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public DocumentService(OrderTransactions tx, DocumentStorage storage, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    public record UploadTicket(Order order, OrderDocument document, DocumentStorage.Upload upload) { }

    public record Download(Order order, OrderDocument document, String url) { }

    public Order get(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public UploadTicket requestUpload(CommandContext ctx, String orderId, String type, String fileName, String contentType, long size) {
        String docId = ids.next("doc");
        String ext = DocumentUpload.CONTENT_TYPES.getOrDefault(contentType, "bin");
        return tx.mutate(ctx, orderId, true, o -> {
            String key = "uploads/" + ctx.tenantId() + "/" + orderId + "/" + docId + "." + ext;
            OrderDocument doc = DocumentUpload.request(o, docId, type, fileName, contentType, size, key, ctx.caller().subject(), clock.instant());
            return new UploadTicket(o, doc, storage.uploadUrl(key, contentType, size, UPLOAD_TTL));
        });
    }

    /**
     * The storage says an upload's file arrived (the bucket's ObjectCreated notification): the document becomes
     * available when its size is the declared one; any other size leaves it pending (answers false). Repeats are harmless.
     */
    public boolean uploadArrived(String tenantId, String orderId, String documentId, long size) {
        CommandContext ctx = new CommandContext(new dev.oms.app.security.Caller(tenantId, "document-uploads", "system",
                java.util.Set.of("service"), null, null), null, null, null, null);
        try {
            OrderDocument doc = tx.mutate(ctx, orderId, false, o -> DocumentUpload.arrived(o, documentId, size, clock.instant()));
            return doc.isAvailable();
        } catch (DomainException notOurs) {
            return false;
        }
    }

    /** A download link; a pending upload whose file has arrived becomes available first, one still on its way is a 409. */
    public Download download(CommandContext ctx, String orderId, String documentId) {
        Order order = tx.get(ctx, orderId);
        OrderDocument doc = order.requireChild(OrderDocument.class, documentId, "document.not_found");
        if (!doc.isAvailable()) {
            OptionalLong size = storage.size(doc.storageKey());
            if (size.isEmpty()) {
                throw DomainException.conflict("document.upload_pending", "Document " + documentId + " has not been uploaded yet",
                        "PUT the file to the upload link first, then read it again.");
            }
            CommandContext loose = new CommandContext(ctx.caller(), ctx.correlationId(), null, null, null);
            order = tx.mutate(loose, orderId, false, o -> { DocumentUpload.arrived(o, documentId, size.getAsLong(), clock.instant()); return o; });
            doc = order.requireChild(OrderDocument.class, documentId, "document.not_found");
        }
        String name = doc.fileName() == null ? doc.id() : doc.fileName();
        return new Download(order, doc, storage.downloadUrl(doc.storageKey(), name, DOWNLOAD_TTL));
    }
}
