package dev.oms.local.aws;

/**
 * Runs one function of the template the way Lambda would. The local runtime implements it (it owns the handler
 * instances); every event source here reaches functions only through it.
 *
 * <p>The event is the typed object Lambda's Java runtime would give the handler: an {@code SQSEvent},
 * {@code S3Event}, {@code SNSEvent} or {@code DynamodbEvent} from aws-lambda-java-events, or, for EventBridge
 * targets, a {@code Map} shaped like a {@code ScheduledEvent} (the envelope) or whatever JSON the rule's
 * InputPath / InputTransformer produced. The implementation converts it to the handler's declared input type.
 * The return value is what the handler returned (for example {@code SQSBatchResponse} or
 * {@code StreamsEventResponse}); a thrown exception is a function error.
 */
@FunctionalInterface
public interface LambdaInvoker {
    Object invoke(String functionLogicalId, Object event) throws Exception;
}
