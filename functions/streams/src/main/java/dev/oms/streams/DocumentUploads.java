package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.oms.app.DocumentService;
import dev.oms.platform.Platform;
import dev.oms.platform.observability.Observability;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 ObjectCreated notification of {@code uploads/<tenant>/<order>/<document>.<ext>} in the documents bucket: the
 * uploaded file has arrived, so its document becomes available at once (reading a pending document checks too, so a
 * lost notification only delays it until the next read).
 */
public final class DocumentUploads implements RequestHandler<S3Event, Integer> {
    private static final Pattern KEY = Pattern.compile("uploads/([^/]+)/(ord_[^/]+)/(doc_[^/.]+)\\.[a-z]+");
    private final DocumentService documents;

    public DocumentUploads() { this(Platform.get().documents); }

    DocumentUploads(DocumentService documents) { this.documents = documents; }

    /** Answers how many of the event's files made a document available. */
    @Override
    public Integer handleRequest(S3Event event, Context context) {
        int available = 0;
        for (S3EventNotificationRecord r : event.getRecords()) {
            String key = URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            Matcher m = KEY.matcher(key);
            Long size = r.getS3().getObject().getSizeAsLong();
            if (!m.matches() || size == null) {
                Observability.log().warn("ignoring object {}: not an order document upload", key);
                continue;
            }
            if (documents.uploadArrived(m.group(1), m.group(2), m.group(3), size)) available++;
        }
        return available;
    }
}
