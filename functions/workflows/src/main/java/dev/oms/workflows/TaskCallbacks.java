package dev.oms.workflows;

import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Completes a saga's {@code .waitForTaskToken} task. Both the task itself (when what it waits for already happened)
 * and the event subscriber (when it happens later) may complete the same token; the second answer finds the task
 * gone, which is fine and only logged.
 */
final class TaskCallbacks {
    private final SfnClient sfn;

    TaskCallbacks(SfnClient sfn) { this.sfn = sfn; }

    void succeed(String token, Map<String, Object> output) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(token).output(Json.write(Json.valueToTree(output))));
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException gone) {
            Observability.log().info("task already completed: {}", gone.getMessage());
        }
    }

    void fail(String token, String error, String cause) {
        try {
            sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause));
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException gone) {
            Observability.log().info("task already completed: {}", gone.getMessage());
        }
    }
}
