package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * A note on an order: {@code public} (the customer sees it, in the customer API and in the notes of its own orders) or
 * {@code internal} (agents only). Attachments are order documents (type {@code note_attachment}) uploaded through a
 * presigned link, named here by id. A deleted note stays as a tombstone without its text, so its history (the
 * {@code order.note_*} events) still points at something.
 */
public record OrderNote(String id, String visibility, String text, String authorId, List<String> attachmentIds,
                        String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, Instant deletedAt) implements OrderChild {
    public static final String PUBLIC = "public", INTERNAL = "internal";

    public OrderNote {
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    @Override
    public String kind() { return "note"; }

    public boolean isPublic() { return PUBLIC.equals(visibility); }

    public boolean isDeleted() { return deletedAt != null; }

    OrderNote edited(String newText, String newVisibility, String editor, Instant now) {
        return new OrderNote(id, newVisibility, newText, authorId, attachmentIds, createdBy, createdAt, editor, now, null);
    }

    OrderNote deleted(String editor, Instant now) {
        return new OrderNote(id, visibility, null, authorId, attachmentIds, createdBy, createdAt, editor, now, now);
    }
}
