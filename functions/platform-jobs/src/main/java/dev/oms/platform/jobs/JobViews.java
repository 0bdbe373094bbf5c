package dev.oms.platform.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.job.JobState;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.storage.ObjectLinks;
import java.time.Duration;

/** The API representation of a job, with fresh presigned links to what it produced. */
public final class JobViews {
    /** How long a presigned download link lives; poll the job again for a new one. */
    public static final Duration LINK_TTL = Duration.ofMinutes(15);

    private JobViews() { }

    public static ObjectNode job(Job job, ObjectLinks store) {
        JobState s = job.state();
        ObjectNode o = Json.object();
        o.put("id", s.id);
        o.put("kind", s.kind.wire());
        o.put("status", s.status.wire());
        if (s.awaitingUpload) o.put("awaiting_upload", true);
        o.put("cancel_requested", s.cancelRequested);
        o.set("parameters", Json.valueToTree(s.parameters));
        JobCounts c = s.counts;
        ObjectNode counts = o.putObject("counts");
        counts.set("total", c.total() == null ? null : Json.valueToTree(c.total()));
        counts.put("processed", c.processed()).put("succeeded", c.succeeded()).put("failed", c.failed()).put("skipped", c.skipped());
        Double progress = c.progress();
        if (progress == null) o.putNull("progress"); else o.put("progress", Math.round(progress * 1000) / 1000.0);
        o.set("summary", Json.valueToTree(s.summary));
        o.put("checkpoint", s.checkpoint);
        o.put("attempts", s.attempts);
        if (s.errorCode != null) o.putObject("error").put("code", s.errorCode).put("detail", s.errorDetail);
        String report = s.results.get("report");
        if (report != null) o.put(s.kind == JobKind.IMPORT || s.kind == JobKind.FULFILLMENT_IMPORT ? "error_report_url" : "report_url", store.presignGet(report, LINK_TTL));
        String download = s.results.get("download");
        if (download != null) o.put("download_url", store.presignGet(download, LINK_TTL));
        if (s.kind == JobKind.CONNECTOR_PUSH || s.kind == JobKind.CONNECTOR_INVENTORY_SYNC) {
            ObjectNode result = o.putObject("result");
            s.results.forEach((k, v) -> { if (!k.equals("report") && !k.equals("download")) result.put(k, v); });
        }
        o.putObject("created_by").put("id", s.createdBy.id()).put("type", s.createdBy.type());
        o.put("created_at", Times.format(s.createdAt));
        o.put("started_at", Times.format(s.startedAt));
        o.put("updated_at", Times.format(s.updatedAt));
        o.put("finished_at", Times.format(s.finishedAt));
        o.put("version", s.version);
        o.putObject("links").put("self", path(job));
        return o;
    }

    /** Where the job is polled: its kind's own path for imports and exports, the generic one otherwise. */
    public static String path(Job job) {
        return switch (job.kind()) {
            case IMPORT -> "/v1/orders/imports/" + job.id();
            case EXPORT -> "/v1/orders/exports/" + job.id();
            case FULFILLMENT_IMPORT -> "/v1/fulfillment/imports/" + job.id();
            case FULFILLMENT_EXPORT -> "/v1/fulfillment/exports/" + job.id();
            case CONNECTOR_PUSH, CONNECTOR_INVENTORY_SYNC, SHIPMENT_LABELS, BULK_ALLOCATIONS -> "/v1/fulfillment/jobs/" + job.id();
            default -> "/v1/orders/jobs/" + job.id();
        };
    }
}
