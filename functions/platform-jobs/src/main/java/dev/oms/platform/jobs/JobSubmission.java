package dev.oms.platform.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.domain.job.JobKind;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Submits a job from an API request: the caller's warehouse scope goes into its parameters (a job acts as its
 * submitter), the job is written and queued under the request's idempotency key, and the answer is 202 with the job,
 * its {@code Location} and {@code ETag}.
 */
public final class JobSubmission {
    private JobSubmission() { }

    public static ApiResponse submit(ApiRequest r, Jobs jobs, String jobId, JobKind kind, Map<String, Object> params, boolean awaitingUpload,
                                     Consumer<ObjectNode> extra) {
        Map<String, Object> scoped = params;
        if (r.caller().warehouseScope() != null) {
            scoped = new LinkedHashMap<>(params);
            scoped.put(JobParameters.WAREHOUSE_SCOPE, r.caller().warehouseScope());
        }
        Map<String, Object> stored = scoped;
        return r.execute(job -> {
            ObjectNode view = JobViews.job(job, jobs.links());
            extra.accept(view);
            return ApiResponse.accepted(view).withHeader("location", JobViews.path(job)).withVersion(job.version());
        }, (CommandContext ctx) -> jobs.service.submit(ctx, jobId, kind, stored, awaitingUpload));
    }
}
