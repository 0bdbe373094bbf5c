package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.State;
import java.time.Instant;

/** One entry into a state: its raw input, when it was entered, and how many retries it has made so far. */
public final class StateVisit {
    private final State state;
    private final JsonNode rawInput;
    private final Flow flow;
    private final Instant enteredTime;
    private final Position resumeFrom;
    private volatile int retryCount;

    public StateVisit(State state, JsonNode rawInput, Flow flow, Instant enteredTime, Position resumeFrom) {
        this.state = state;
        this.rawInput = rawInput;
        this.flow = flow;
        this.enteredTime = enteredTime;
        this.resumeFrom = resumeFrom;
    }

    public State state() {
        return state;
    }

    public JsonNode rawInput() {
        return rawInput;
    }

    public Flow flow() {
        return flow;
    }

    public ExecutionRun run() {
        return flow.run();
    }

    public Instant enteredTime() {
        return enteredTime;
    }

    public int retryCount() {
        return retryCount;
    }

    public void countRetry() {
        retryCount++;
    }

    /**
     * The saved position when this visit resumes a state after a restart (first attempt only), else null.
     */
    public Position resumeFrom() {
        return retryCount == 0 ? resumeFrom : null;
    }
}
