package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.ExecutionStatus;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * The life of an execution around the interpreter: ExecutionStarted, the run of the top-level graph, and the one
 * terminal event (ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut or ExecutionAborted).
 *
 * <p><b>Resuming after a restart (at-least-once).</b> A file-backed service saves a checkpoint whenever the top level
 * enters a state. On start it resumes every RUNNING execution from the last state entered, with that state's saved
 * input: a Task in progress is invoked again (so a task may run twice - make task handlers idempotent, as on AWS,
 * where retries do the same); a {@code .waitForTaskToken} Task whose invocation had returned keeps waiting for the
 * same token; a Wait state waits only for what is left; a Parallel or Map state in progress runs again as a whole.
 * Timeouts count from the original start times.
 */
public final class ExecutionRunner {
    private final Interpreter interpreter;
    private final EngineThreads threads;
    private final TaskTokens tokens;

    public ExecutionRunner(Interpreter interpreter, EngineThreads threads, TaskTokens tokens) {
        this.interpreter = interpreter;
        this.threads = threads;
        this.tokens = tokens;
    }

    /** Records ExecutionStarted and runs a new execution. */
    public void start(ExecutionRun run) {
        ObjectNode details = Json.object();
        details.put("input", run.inputText());
        details.putObject("inputDetails").put("truncated", false);
        details.put("roleArn", run.roleArn());
        run.history().add("ExecutionStarted", 0, "executionStartedEventDetails", details);
        run.moveTo(Position.before(run.definition().startAt(), run.input()));
        go(run, run.definition().startAt(), run.input(), null);
    }

    /**
     * Registers the task token a loaded execution waits for, before it resumes, so that a callback sent right after
     * the restart finds it.
     */
    public void reserveTaskToken(ExecutionRun run) {
        Position position = run.position();
        if (position != null && position.taskToken() != null) {
            run.reserveResumedTask(position.taskToken(), tokens.await(position.taskToken(), run.executionArn()));
        }
    }

    /** Continues a RUNNING execution loaded from a store, from its saved position. */
    public void resume(ExecutionRun run) {
        Position position = run.position();
        if (position == null) {
            position = Position.before(run.definition().startAt(), run.input());
        }
        go(run, position.stateName(), position.input(), position.entered() ? position : null);
    }

    public void stop(ExecutionRun run, String error, String cause) {
        ObjectNode details = errorDetails(error, cause);
        run.finish(ExecutionStatus.ABORTED, null, error, cause, "ExecutionAborted", "executionAbortedEventDetails",
                details);
    }

    private void go(ExecutionRun run, String stateName, JsonNode input, Position resume) {
        StateMachineDefinition definition = run.definition();
        ScheduledFuture<?> timeout = definition.timeoutSeconds() == null ? null
                : threads.schedule(() -> timeOut(run), Duration.between(Instant.now(),
                run.startDate().plusSeconds(definition.timeoutSeconds())));
        interpreter.run(definition, stateName, input, Flow.topLevel(run), resume).whenComplete((output, failure) -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (failure == null) {
                String text = Json.write(output);
                ObjectNode details = Json.object();
                details.put("output", text);
                details.putObject("outputDetails").put("truncated", false);
                run.finish(ExecutionStatus.SUCCEEDED, text, null, null, "ExecutionSucceeded",
                        "executionSucceededEventDetails", details);
                return;
            }
            Throwable error = Interpreter.unwrap(failure);
            if (error instanceof ExecutionCancelledException) {
                return; // stopped, timed out or shut down: whoever cancelled has recorded why
            }
            StatesError statesError = error instanceof StatesError known ? known
                    : StatesError.runtime(error.getClass().getName() + ": " + error.getMessage());
            run.finish(ExecutionStatus.FAILED, null, statesError.error(), statesError.cause(), "ExecutionFailed",
                    "executionFailedEventDetails", errorDetails(statesError.error(), statesError.cause()));
        });
    }

    private static void timeOut(ExecutionRun run) {
        String cause = "The execution ran longer than the TimeoutSeconds of its state machine ("
                + run.definition().timeoutSeconds() + " s)";
        run.finish(ExecutionStatus.TIMED_OUT, null, ErrorNames.TIMEOUT, cause, "ExecutionTimedOut",
                "executionTimedOutEventDetails", errorDetails(ErrorNames.TIMEOUT, cause));
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
