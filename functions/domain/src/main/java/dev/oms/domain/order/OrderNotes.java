package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of an order's notes: text of 1 to {@link #MAX_TEXT} characters, {@code public} or {@code internal}, at most
 * {@link #MAX_NOTES} notes per order and {@link #MAX_ATTACHMENTS} attachments per note. Every add, edit and delete is an
 * {@code order.note_*} event: the order's timeline and the tenant's audit log (an edit carries the text before and
 * after; a delete the text that was removed).
 */
public final class OrderNotes {
    public static final int MAX_TEXT = 5000, MAX_NOTES = 200, MAX_ATTACHMENTS = 5;
    public static final String ATTACHMENT_TYPE = "note_attachment";

    private OrderNotes() { }

    public static void checkVisibility(String visibility) {
        if (!OrderNote.PUBLIC.equals(visibility) && !OrderNote.INTERNAL.equals(visibility)) {
            throw DomainException.invalidField("type", "field.not_allowed", "type must be public or internal");
        }
    }

    /** Files a new note (with the ids of its pending attachments). */
    public static OrderNote add(Order order, OrderNote note, Instant now) {
        checkVisibility(note.visibility());
        if (order.children(OrderNote.class).size() >= MAX_NOTES) {
            throw DomainException.conflict("note.too_many", "An order holds at most " + MAX_NOTES + " notes",
                    "Delete notes that are no longer useful, or edit an existing one.");
        }
        if (note.attachmentIds().size() > MAX_ATTACHMENTS) {
            throw DomainException.invalidField("attachments", "field.too_many", "A note has at most " + MAX_ATTACHMENTS + " attachments");
        }
        order.putChild(note);
        order.touch(now);
        order.record("order.note_added", Order.data("note_id", note.id(), "visibility", note.visibility(), "author_id", note.authorId(),
                "attachment_ids", note.attachmentIds(), "text", note.text()));
        return note;
    }

    /** Changes the text and/or the visibility; nothing changes (and nothing is recorded) when both are the same. */
    public static OrderNote edit(Order order, String noteId, String text, String visibility, String editor, Instant now) {
        OrderNote note = live(order, noteId);
        String newText = text == null ? note.text() : text;
        String newVisibility = visibility == null ? note.visibility() : visibility;
        checkVisibility(newVisibility);
        if (Objects.equals(newText, note.text()) && newVisibility.equals(note.visibility())) return note;
        OrderNote edited = note.edited(newText, newVisibility, editor, now);
        order.putChild(edited);
        order.touch(now);
        Map<String, Object> d = new LinkedHashMap<>(Order.data("note_id", noteId));
        if (!newText.equals(note.text())) {
            d.put("text_before", note.text());
            d.put("text", newText);
        }
        if (!newVisibility.equals(note.visibility())) {
            d.put("visibility_before", note.visibility());
            d.put("visibility", newVisibility);
        }
        order.record("order.note_updated", d);
        return edited;
    }

    /** Deletes a note: its text goes, a tombstone and the {@code order.note_deleted} event (with the text) stay. */
    public static OrderNote delete(Order order, String noteId, String editor, Instant now) {
        OrderNote note = live(order, noteId);
        OrderNote gone = note.deleted(editor, now);
        order.putChild(gone);
        order.touch(now);
        order.record("order.note_deleted", Order.data("note_id", noteId, "visibility", note.visibility(), "text", note.text()));
        return gone;
    }

    /** The notes a reader may see, oldest first: customers only the public ones; deleted ones never. */
    public static List<OrderNote> visible(Order order, boolean customer) {
        List<OrderNote> out = new ArrayList<>();
        for (OrderNote n : order.children(OrderNote.class)) {
            if (!n.isDeleted() && (!customer || n.isPublic())) out.add(n);
        }
        return out;
    }

    /**
     * Whether a document may be shown to a reader: a customer does not see the attachments of internal (or deleted)
     * notes, nor the evidence files of support cases; everything else is as before.
     */
    public static boolean documentVisible(Order order, OrderDocument doc, boolean customer) {
        if (customer && OrderCases.ATTACHMENT_TYPE.equals(doc.type())) return false; // a support case's evidence is staff-only
        if (!customer || !ATTACHMENT_TYPE.equals(doc.type())) return true;
        return order.child(OrderNote.class, doc.relatedId()).map(n -> n.isPublic() && !n.isDeleted()).orElse(false);
    }

    /** The note, or 404 {@code note.not_found} (a deleted note too). */
    public static OrderNote live(Order order, String noteId) {
        OrderNote note = order.requireChild(OrderNote.class, noteId, "note.not_found");
        if (note.isDeleted()) throw DomainException.notFound("note.not_found", "Order " + order.id() + " has no note " + noteId);
        return note;
    }
}
