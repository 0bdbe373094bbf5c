package dev.oms.app.cases;

import dev.oms.app.CommandContext;
import dev.oms.app.DocumentService;
import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.app.port.DocumentStorage;
import dev.oms.domain.order.DocumentUpload;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Files the attachments a note, message or case brings: each a pending order document of {@code type} related to
 * {@code relatedId} (checked against the document upload rules: PDF, PNG or JPEG of at most 10 MiB), with a presigned
 * upload link signed for its declared type and size. Runs inside the order's mutation, so the records are written in
 * its transaction.
 */
final class AttachmentUploads {
    private AttachmentUploads() { }

    static List<PendingAttachment> request(CommandContext ctx, Order o, DocumentStorage storage, String type, String relatedId,
                                           List<AttachmentSpec> specs, List<String> docIds, Instant now) {
        List<PendingAttachment> uploads = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            AttachmentSpec a = specs.get(i);
            String ext = DocumentUpload.CONTENT_TYPES.getOrDefault(a.contentType(), "bin");
            String key = "uploads/" + ctx.tenantId() + "/" + o.id() + "/" + docIds.get(i) + "." + ext;
            OrderDocument doc = DocumentUpload.requestAttachment(o, docIds.get(i), type, relatedId, a.fileName(), a.contentType(),
                    a.sizeBytes(), key, ctx.caller().subject(), now, "attachments[" + i + "].");
            uploads.add(new PendingAttachment(doc, storage.uploadUrl(key, a.contentType(), a.sizeBytes(), DocumentService.UPLOAD_TTL)));
        }
        return uploads;
    }
}
