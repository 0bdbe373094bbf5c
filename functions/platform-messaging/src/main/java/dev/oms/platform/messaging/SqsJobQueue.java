package dev.oms.platform.messaging;

import dev.oms.app.port.JobQueue;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.json.Json;

/** Job messages on the SQS {@code JobsQueue}: {@code {"tenant_id": ..., "job_id": ...}}. */
public final class SqsJobQueue implements JobQueue {
    private final String queueUrl;

    public SqsJobQueue(String queueUrl) { this.queueUrl = queueUrl; }

    @Override
    public void enqueue(String tenantId, String jobId) {
        AwsClients.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(message(tenantId, jobId)));
    }

    public static String message(String tenantId, String jobId) {
        return Json.write(Json.object().put("tenant_id", tenantId).put("job_id", jobId));
    }
}
