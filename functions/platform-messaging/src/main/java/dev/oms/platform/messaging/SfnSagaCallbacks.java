package dev.oms.platform.messaging;

import dev.oms.app.port.SagaCallbacks;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.json.Json;
import java.util.Map;

/**
 * Step Functions' SendTaskSuccess and SendTaskFailure, as signed AWS JSON calls (no Step Functions client in the API
 * functions that answer a saga's wait); a task that already ended (timed out, completed) is left alone.
 */
public final class SfnSagaCallbacks implements SagaCallbacks {
    @Override
    public void succeed(String taskToken, Map<String, Object> output) {
        send("SendTaskSuccess", Json.object().put("taskToken", taskToken).put("output", Json.write(Json.valueToTree(output))));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        send("SendTaskFailure", Json.object().put("taskToken", taskToken).put("error", error).put("cause", cause));
    }

    private static void send(String operation, com.fasterxml.jackson.databind.node.ObjectNode request) {
        try {
            AwsJsonRequests.call(AwsJsonRequests.STEP_FUNCTIONS, operation, request);
        } catch (AwsJsonRequests.AwsError e) {
            if (!"TaskTimedOut".equals(e.type())) throw e; // the wait is over already; the saga's compensation looks at the subject
        }
    }
}
