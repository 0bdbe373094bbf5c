package dev.oms.local.aws;

/**
 * Where the local EventBridge delivers a matched event, by the target's logical id in the template. The local
 * runtime implements it, or uses {@link LocalTargetDispatcher}. A thrown exception is a failed delivery (retried,
 * then recorded in the event archive).
 */
public interface TargetDispatcher {
    /** An SQS target: the body is the event JSON (or the transformed input); FIFO queues get the rule's group id. */
    void sendToQueue(String queueLogicalId, String body, String messageGroupId) throws Exception;

    /**
     * A Lambda target, invoked asynchronously as EventBridge does. The event is the envelope as a {@code Map}
     * (the shape of {@code ScheduledEvent}: version, id, detail-type, source, account, time, region, resources,
     * detail), or the JSON value (Map, List, String, Number) that InputPath / InputTransformer / Input produced.
     */
    void invokeFunction(String functionLogicalId, Object event) throws Exception;

    /** A Step Functions target: the input is the event JSON (or the transformed input). */
    void startExecution(String stateMachineLogicalId, String input) throws Exception;

    /** An SNS target. */
    void publishToTopic(String topicLogicalId, String message) throws Exception;
}
