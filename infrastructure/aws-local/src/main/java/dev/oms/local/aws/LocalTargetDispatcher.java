package dev.oms.local.aws;

import java.util.Map;

/**
 * The {@link TargetDispatcher} made of the local services: queues through {@link SqsService}, functions through the
 * {@link LambdaInvoker}, topics through {@link SnsService}, and executions through an {@link ExecutionStarter} (the
 * local Step Functions). Pass null for a service the template does not target.
 */
public final class LocalTargetDispatcher implements TargetDispatcher {
    /** Starts an execution of a state machine of the template. */
    @FunctionalInterface
    public interface ExecutionStarter {
        void startExecution(String stateMachineLogicalId, String input) throws Exception;
    }

    private final SqsService sqs;
    private final LambdaInvoker lambda;
    private final SnsService sns;
    private final ExecutionStarter stepFunctions;

    public LocalTargetDispatcher(SqsService sqs, LambdaInvoker lambda, SnsService sns, ExecutionStarter stepFunctions) {
        this.sqs = sqs;
        this.lambda = lambda;
        this.sns = sns;
        this.stepFunctions = stepFunctions;
    }

    @Override
    public void sendToQueue(String queueLogicalId, String body, String messageGroupId) {
        require(sqs, "SqsService", queueLogicalId).send(queueLogicalId, body, messageGroupId);
    }

    @Override
    public void invokeFunction(String functionLogicalId, Object event) throws Exception {
        require(lambda, "LambdaInvoker", functionLogicalId).invoke(functionLogicalId, event);
    }

    @Override
    public void startExecution(String stateMachineLogicalId, String input) throws Exception {
        require(stepFunctions, "ExecutionStarter", stateMachineLogicalId).startExecution(stateMachineLogicalId, input);
    }

    @Override
    public void publishToTopic(String topicLogicalId, String message) {
        SnsService s = require(sns, "SnsService", topicLogicalId);
        s.publish(s.topicArn(topicLogicalId), null, message, Map.of());
    }

    private static <T> T require(T service, String what, String target) {
        if (service == null) throw new IllegalStateException("No " + what + " was given for target " + target);
        return service;
    }
}
