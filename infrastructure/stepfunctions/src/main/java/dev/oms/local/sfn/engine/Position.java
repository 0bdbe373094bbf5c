package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Where a running execution stands at the top level of its state machine, saved with every checkpoint so that a
 * file-backed service can resume it after a restart.
 *
 * @param stateName   the state being run (or about to be entered)
 * @param input       that state's raw input
 * @param entered     whether its StateEntered event was already recorded
 * @param enteredTime when it was entered
 * @param taskToken   for a {@code .waitForTaskToken} Task whose invocation returned: the token it waits for
 * @param taskStartedAt when that task started (its timeouts count from there)
 * @param waitUntil   for a Wait state: when the wait ends
 */
public record Position(String stateName, JsonNode input, boolean entered, Instant enteredTime, String taskToken,
                       Instant taskStartedAt, Instant waitUntil) {

    public static Position before(String stateName, JsonNode input) {
        return new Position(stateName, input, false, null, null, null, null);
    }

    public static Position entered(String stateName, JsonNode input, Instant enteredTime) {
        return new Position(stateName, input, true, enteredTime, null, null, null);
    }

    public Position waitingForToken(String token, Instant startedAt) {
        return new Position(stateName, input, entered, enteredTime, token, startedAt, waitUntil);
    }

    public Position waitingUntil(Instant until) {
        return new Position(stateName, input, entered, enteredTime, taskToken, taskStartedAt, until);
    }
}
