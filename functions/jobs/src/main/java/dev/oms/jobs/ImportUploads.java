package dev.oms.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.oms.app.JobService;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.observability.Observability;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The S3 ObjectCreated notification of {@code imports/<tenant>/<jobId>.<ext>}: the file of an upload import has
 * arrived, so its job is queued for the runner (once, however often S3 notifies).
 */
public final class ImportUploads implements RequestHandler<S3Event, Integer> {
    private final JobService jobs;

    public ImportUploads() { this(Jobs.get().service); }

    public ImportUploads(JobService jobs) { this.jobs = jobs; }

    /** Answers how many of the event's files belong to jobs that are now queued. */
    @Override
    public Integer handleRequest(S3Event event, Context context) {
        int queued = 0;
        for (S3EventNotificationRecord r : event.getRecords()) {
            // keys in S3 notifications are URL-encoded (a space arrives as '+')
            String key = URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            String[] tenantAndJob = JobFiles.parseUpload(key);
            if (tenantAndJob == null) {
                Observability.log().warn("ignoring upload {}: not an import job's file", key);
                continue;
            }
            boolean wasWaiting = jobs.uploadArrived(tenantAndJob[0], tenantAndJob[1]).map(j -> j.isReadyToRun()).orElse(false);
            if (wasWaiting) queued++;
        }
        return queued;
    }
}
