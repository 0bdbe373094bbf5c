package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.paths.Json;

/**
 * A {@link TaskInvoker} for the Lambda resources of the States Language, on top of a function that runs a Lambda
 * handler by name (the local runtime's in-process Lambda):
 * <ul>
 *   <li>{@code arn:aws:lambda:<region>:<account>:function:<Name>[:qualifier]} - the state's effective parameters are
 *       the payload; the function's result is the task result.</li>
 *   <li>{@code arn:aws:states:::lambda:invoke} - {@code Parameters.FunctionName} (name or ARN) and
 *       {@code Parameters.Payload}; the result is wrapped as AWS does:
 *       {@code {"ExecutedVersion": "$LATEST", "Payload": <result>, "StatusCode": 200}}.
 *       {@code "InvocationType": "Event"} answers {@code {"Payload": "", "StatusCode": 202}} (the call itself still
 *       runs before the state goes on).</li>
 *   <li>{@code arn:aws:states:::lambda:invoke.waitForTaskToken} - the same call; its result is ignored and the state
 *       waits for the task token, which the Payload should carry ({@code "token.$": "$$.Task.Token"}).</li>
 *   <li>anything else goes to {@code otherResources} (by default: fails with {@code States.TaskFailed}).</li>
 * </ul>
 * A function error should be thrown as {@link TaskFailedException} with the Lambda error type as its error name;
 * {@link #functionError(Throwable)} builds it the way the AWS Java runtime reports exceptions.
 */
public final class LambdaTaskInvoker implements TaskInvoker {
    private static final String INVOKE = "arn:aws:states:::lambda:invoke";

    /** Runs the Lambda function {@code functionName} (a plain name) with {@code payload}. */
    @FunctionalInterface
    public interface LambdaFunctions {
        JsonNode invoke(String functionName, JsonNode payload, TaskContext context) throws TaskFailedException;
    }

    private final LambdaFunctions functions;
    private final TaskInvoker otherResources;

    public LambdaTaskInvoker(LambdaFunctions functions) {
        this(functions, TaskInvoker.none());
    }

    public LambdaTaskInvoker(LambdaFunctions functions, TaskInvoker otherResources) {
        this.functions = functions;
        this.otherResources = otherResources;
    }

    @Override
    public JsonNode invoke(String resource, JsonNode parameters, TaskContext context) throws TaskFailedException {
        if (resource.startsWith("arn:aws:lambda:")) {
            return functions.invoke(functionName(resource), parameters, context);
        }
        if (resource.equals(INVOKE) || resource.startsWith(INVOKE + ".")) {
            JsonNode functionName = parameters.get("FunctionName");
            if (functionName == null || !functionName.isTextual()) {
                throw new TaskFailedException("States.Runtime",
                        "lambda:invoke needs Parameters.FunctionName, got " + Json.write(parameters));
            }
            JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
            JsonNode result = functions.invoke(functionName(functionName.textValue()), payload, context);
            if (context.waitsForTaskToken()) {
                return result;
            }
            ObjectNode wrapped = Json.object();
            if ("Event".equals(parameters.path("InvocationType").asText())) {
                wrapped.put("Payload", "");
                wrapped.put("StatusCode", 202);
                return wrapped;
            }
            wrapped.put("ExecutedVersion", "$LATEST");
            wrapped.set("Payload", result == null ? NullNode.getInstance() : result);
            wrapped.put("StatusCode", 200);
            return wrapped;
        }
        return otherResources.invoke(resource, parameters, context);
    }

    /**
     * The function name in a Lambda ARN ({@code arn:aws:lambda:us-east-1:000000000000:function:Name:alias} →
     * {@code Name}), a partial ARN or a plain name (a {@code :qualifier} is dropped).
     */
    public static String functionName(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        int function = -1;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("function")) {
                function = i;
            }
        }
        if (function >= 0 && function + 1 < parts.length) {
            return parts[function + 1];
        }
        return parts[0];
    }

    /**
     * The task failure for an exception thrown by a Java Lambda handler, as AWS reports it: the error name is the
     * exception's class name and the cause is {@code {"errorMessage": ..., "errorType": ...}}.
     */
    public static TaskFailedException functionError(Throwable error) {
        String type = error.getClass().getName();
        ObjectNode cause = Json.object();
        cause.put("errorMessage", String.valueOf(error.getMessage()));
        cause.put("errorType", type);
        return new TaskFailedException(type, Json.write(cause), error);
    }
}
