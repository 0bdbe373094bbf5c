package dev.oms.app.port;

/** Hands a job to the runners (an SQS queue on AWS; a direct call in tests). */
public interface JobQueue {
    void enqueue(String tenantId, String jobId);
}
