package dev.oms.platform.messaging;

import dev.oms.app.port.JobQueue;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.json.Json;

/**
 * Job messages on the SQS {@code JobsQueue}: {@code {"tenant_id": ..., "job_id": ...}}, sent as one signed AWS JSON
 * {@code SendMessage} (no SQS client in the API functions that submit jobs).
 */
public final class SqsJobQueue implements JobQueue {
    private final String queueUrl;

    public SqsJobQueue(String queueUrl) { this.queueUrl = queueUrl; }

    @Override
    public void enqueue(String tenantId, String jobId) {
        AwsJsonRequests.call(AwsJsonRequests.SQS, "SendMessage", Json.object().put("QueueUrl", queueUrl).put("MessageBody", message(tenantId, jobId)));
    }

    public static String message(String tenantId, String jobId) {
        return Json.write(Json.object().put("tenant_id", tenantId).put("job_id", jobId));
    }
}
