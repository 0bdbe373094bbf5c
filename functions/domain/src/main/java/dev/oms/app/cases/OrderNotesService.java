package dev.oms.app.cases;

import dev.oms.app.CommandContext;
import dev.oms.app.DocumentService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.order.DocumentUpload;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderNote;
import dev.oms.domain.order.OrderNotes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes on an order (seed 000 section 13). A note may bring attachments: each is filed as a pending order document
 * of type {@code note_attachment} with a presigned upload link signed for its declared type and size, exactly as
 * {@code POST .../documents/upload} does, and becomes available when the file arrives. Customers read only the public
 * notes of their own orders.
 */
public final class OrderNotesService {
    private final OrderTransactions tx;
    private final DocumentStorage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderNotesService(OrderTransactions tx, DocumentStorage storage, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** A file a note brings: its name, type and size, checked against the document upload rules. */
    public record AttachmentSpec(String fileName, String contentType, long sizeBytes) { }

    /** A new note (text, visibility, author; the author defaults to the caller). */
    public record NoteDraft(String text, String visibility, String authorId, List<AttachmentSpec> attachments) { }

    /** An attachment with the link to upload its file to. */
    public record PendingAttachment(OrderDocument document, DocumentStorage.Upload upload) { }

    /** The note as filed, the order it is on, and the upload links of its attachments (in the order asked). */
    public record NoteResult(Order order, OrderNote note, List<OrderDocument> attachments, List<PendingAttachment> uploads) { }

    public NoteResult add(CommandContext ctx, String orderId, NoteDraft d) {
        String noteId = ids.next("note");
        List<String> docIds = new ArrayList<>();
        for (int i = 0; i < d.attachments().size(); i++) docIds.add(ids.next("doc"));
        return tx.mutate(ctx, orderId, true, o -> {
            Instant now = clock.instant();
            String author = d.authorId() == null ? ctx.caller().subject() : d.authorId();
            List<PendingAttachment> uploads = AttachmentUploads.request(ctx, o, storage, OrderNotes.ATTACHMENT_TYPE, noteId, d.attachments(), docIds, now);
            OrderNote note = OrderNotes.add(o, new OrderNote(noteId, d.visibility(), d.text(), author, docIds, ctx.caller().subject(), now,
                    null, null, null), now);
            return new NoteResult(o, note, uploads.stream().map(PendingAttachment::document).toList(), uploads);
        });
    }

    /** The notes the caller may read, with the order (for its version and the attachments' records). */
    public Order read(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public List<OrderNote> visible(CommandContext ctx, Order order) { return OrderNotes.visible(order, ctx.caller().isCustomer()); }

    public NoteResult edit(CommandContext ctx, String orderId, String noteId, String text, String visibility) {
        return tx.mutate(ctx, orderId, true, o -> {
            OrderNote note = OrderNotes.edit(o, noteId, text, visibility, ctx.caller().subject(), clock.instant());
            return new NoteResult(o, note, attachments(o, note), List.of());
        });
    }

    /** Deletes the note; answers the tombstone (the result an idempotent replay is rendered from). */
    public OrderNote delete(CommandContext ctx, String orderId, String noteId) {
        return tx.mutate(ctx, orderId, true, o -> OrderNotes.delete(o, noteId, ctx.caller().subject(), clock.instant()));
    }

    /** The document records of a note's attachments (pending or available). */
    public static List<OrderDocument> attachments(Order order, OrderNote note) {
        List<OrderDocument> out = new ArrayList<>();
        for (String id : note.attachmentIds()) order.child(OrderDocument.class, id).ifPresent(out::add);
        return out;
    }
}
