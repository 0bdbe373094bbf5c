package dev.oms.platform.views;

import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.NoteDraft;
import dev.oms.domain.order.OrderNote;
import dev.oms.domain.order.OrderNotes;
import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of a new note ({@code AddNoteRequest}): {@code {"text", "type": "public"|"internal", "author_id"?,
 * "attachments"?: [{"file_name", "content_type", "size_bytes"}], "version"?}}, for {@code /v1/orders} and the admin API.
 */
public final class NoteRequests {
    public static final Set<String> VISIBILITIES = Set.of(OrderNote.PUBLIC, OrderNote.INTERNAL);

    private NoteRequests() { }

    /** The draft; the caller reads {@code version} from the same body and calls {@link Body#check()}. */
    public static NoteDraft draft(Body b) {
        b.allow("text", "type", "author_id", "attachments", "version");
        String text = b.string("text", true, OrderNotes.MAX_TEXT);
        String type = b.oneOf("type", true, VISIBILITIES);
        String author = b.string("author_id", false, 128);
        List<AttachmentSpec> attachments = attachments(b, OrderNotes.MAX_ATTACHMENTS);
        return new NoteDraft(text, type, author, attachments);
    }

    /** {@code attachments}: at most {@code max} files {@code [{"file_name", "content_type", "size_bytes"}]} (notes, cases). */
    public static List<AttachmentSpec> attachments(Body b, int max) {
        List<AttachmentSpec> attachments = new ArrayList<>();
        List<Body> entries = b.objects("attachments", false, 0, max);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("file_name", "content_type", "size_bytes");
                String name = e.string("file_name", true, 200);
                String contentType = e.string("content_type", true, 100);
                Long size = e.integer("size_bytes", true, 0, Long.MAX_VALUE);
                if (name != null && contentType != null && size != null) attachments.add(new AttachmentSpec(name, contentType, size));
            }
        }
        return attachments;
    }
}
