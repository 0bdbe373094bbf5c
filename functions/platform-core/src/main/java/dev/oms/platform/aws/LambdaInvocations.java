package dev.oms.platform.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A synchronous Lambda invocation ({@code Invoke}, {@code RequestResponse}) as one signed REST-JSON call, without the
 * Lambda SDK client: the function that relays a call to another function (the payments relay) and must stay small.
 * The endpoint is found as for every AWS call ({@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_ENDPOINT_URL}), so the
 * local runtime (and LocalStack) answer it.
 */
public final class LambdaInvocations {
    /** The function ran and failed ({@code X-Amz-Function-Error}): its {@code errorType} and {@code errorMessage}. */
    public static final class FunctionError extends RuntimeException {
        public FunctionError(String message) { super(message); }
    }

    private LambdaInvocations() { }

    /**
     * Invokes {@code function} (name or ARN) with {@code payload} and answers what it returned; a refused invocation
     * (throttled, unknown function, no permission, no answer) is an {@link AwsJsonRequests.AwsError}, a function that
     * failed a {@link FunctionError}.
     */
    public static JsonNode invoke(String function, ObjectNode payload) {
        String path = "/2015-03-31/functions/" + URLEncoder.encode(function, StandardCharsets.UTF_8).replace("+", "%20") + "/invocations";
        var response = AwsJsonRequests.rest(AwsJsonRequests.LAMBDA, path, Map.of("x-amz-invocation-type", "RequestResponse"),
                Json.write(payload).getBytes(StandardCharsets.UTF_8));
        JsonNode answer = response.json();
        if (response.header("x-amz-function-error") != null) {
            throw new FunctionError(function + " failed: " + answer.path("errorType").asText("error") + ": " + answer.path("errorMessage").asText(""));
        }
        return answer;
    }
}
