package dev.oms.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.ArrayList;
import java.util.List;

/**
 * The job runner: one message of the {@code JobsQueue} ({@code {"tenant_id", "job_id"}}) is one run of that job.
 * Failed messages are reported as batch item failures, so SQS delivers only those again (and, after the third
 * receive, moves them to the {@code JobsDLQ}).
 */
public final class JobRunner implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobExecutor executor;

    public JobRunner() { this(JobExecutor.fromEnvironment(Jobs.get())); }

    public JobRunner(JobExecutor executor) { this.executor = executor; }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                JsonNode body = Json.parse(m.getBody());
                String tenant = body.path("tenant_id").asText(null);
                String jobId = body.path("job_id").asText(null);
                if (tenant == null || jobId == null) {
                    Observability.log().warn("dropping a message that names no job: {}", m.getMessageId());
                    continue;
                }
                String end = executor.run(tenant, jobId, context::getRemainingTimeInMillis, receiveCount(m));
                Observability.log().info("job {} of {}: {}", jobId, tenant, end == null ? "nothing to do" : end);
            } catch (Exception e) {
                Observability.error("job message " + m.getMessageId() + " failed", e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static int receiveCount(SQSEvent.SQSMessage m) {
        String n = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        try {
            return n == null ? 1 : Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
