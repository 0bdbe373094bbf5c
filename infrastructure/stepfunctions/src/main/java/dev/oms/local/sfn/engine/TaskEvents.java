package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.paths.Json;

/**
 * Records the history events of a task in the form AWS uses for its resource: {@code LambdaFunction*} events for a
 * plain Lambda ARN ({@code arn:aws:lambda:...:function:Name}), {@code Task*} events with resourceType/resource for
 * service integrations ({@code arn:aws:states:::lambda:invoke} → resourceType {@code lambda}, resource
 * {@code invoke}) and anything else.
 */
final class TaskEvents {
    private final String resourceArn;
    private final String resourceType;
    private final String resource;
    private final String region;
    private final boolean lambdaFunction;

    TaskEvents(String resourceArn, String region) {
        this.resourceArn = resourceArn;
        this.region = region;
        this.lambdaFunction = resourceArn.startsWith("arn:aws:lambda:");
        String integration = resourceArn.startsWith("arn:aws:states:::")
                ? resourceArn.substring("arn:aws:states:::".length()) : resourceArn;
        int split = integration.lastIndexOf(':');
        this.resourceType = split > 0 ? integration.substring(0, split) : integration;
        this.resource = split > 0 ? integration.substring(split + 1) : integration;
    }

    void scheduled(Flow flow, JsonNode parameters, Integer timeoutSeconds, Integer heartbeatSeconds) {
        ObjectNode details = Json.object();
        if (lambdaFunction) {
            details.put("resource", resourceArn);
            details.put("input", Json.write(parameters));
            details.putObject("inputDetails").put("truncated", false);
            if (timeoutSeconds != null) {
                details.put("timeoutInSeconds", timeoutSeconds);
            }
            flow.record("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
            return;
        }
        identify(details);
        details.put("region", region);
        details.put("parameters", Json.write(parameters));
        if (timeoutSeconds != null) {
            details.put("timeoutInSeconds", timeoutSeconds);
        }
        if (heartbeatSeconds != null) {
            details.put("heartbeatInSeconds", heartbeatSeconds);
        }
        flow.record("TaskScheduled", "taskScheduledEventDetails", details);
    }

    void started(Flow flow) {
        if (lambdaFunction) {
            flow.record("LambdaFunctionStarted", null, null);
            return;
        }
        flow.record("TaskStarted", "taskStartedEventDetails", identify(Json.object()));
    }

    void submitted(Flow flow, JsonNode output) {
        ObjectNode details = identify(Json.object());
        details.put("output", Json.write(output));
        details.putObject("outputDetails").put("truncated", false);
        flow.record("TaskSubmitted", "taskSubmittedEventDetails", details);
    }

    void succeeded(Flow flow, JsonNode output) {
        if (lambdaFunction) {
            ObjectNode details = Json.object();
            details.put("output", Json.write(output));
            details.putObject("outputDetails").put("truncated", false);
            flow.record("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", details);
            return;
        }
        ObjectNode details = identify(Json.object());
        details.put("output", Json.write(output));
        details.putObject("outputDetails").put("truncated", false);
        flow.record("TaskSucceeded", "taskSucceededEventDetails", details);
    }

    void failed(Flow flow, String error, String cause) {
        if (lambdaFunction) {
            flow.record("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails", errorDetails(Json.object(), error,
                    cause));
            return;
        }
        flow.record("TaskFailed", "taskFailedEventDetails", errorDetails(identify(Json.object()), error, cause));
    }

    void timedOut(Flow flow, String error, String cause) {
        if (lambdaFunction) {
            flow.record("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails",
                    errorDetails(Json.object(), error, cause));
            return;
        }
        flow.record("TaskTimedOut", "taskTimedOutEventDetails", errorDetails(identify(Json.object()), error, cause));
    }

    private ObjectNode identify(ObjectNode details) {
        details.put("resourceType", resourceType);
        details.put("resource", resource);
        return details;
    }

    private static ObjectNode errorDetails(ObjectNode details, String error, String cause) {
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
