package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link TaskInvoker} knows about the task it runs.
 *
 * @param taskToken     the token to pass to SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat for a
 *                      {@code .waitForTaskToken} resource, else null
 * @param retryCount    0 on the first attempt, then 1, 2, ... on retries
 * @param contextObject the context object ({@code $$}) as the state sees it
 */
public record TaskContext(String executionArn, String executionName, String stateMachineArn, String stateName,
                          String taskToken, int retryCount, int timeoutSeconds, JsonNode contextObject) {

    public boolean waitsForTaskToken() {
        return taskToken != null;
    }
}
