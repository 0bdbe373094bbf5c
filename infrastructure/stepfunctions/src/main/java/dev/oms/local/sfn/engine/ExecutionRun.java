package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.ExecutionDescription;
import dev.oms.local.sfn.ExecutionStatus;
import dev.oms.local.sfn.HistoryEvent;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.paths.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One execution: what it was started with, its history, its status and, while RUNNING, its top-level
 * {@link Position}. Status changes and checkpoints are serialized on this object, so a checkpoint never overwrites
 * a newer one.
 */
public final class ExecutionRun {
    private final String executionArn;
    private final String name;
    private final String stateMachineArn;
    private final String stateMachineName;
    private final String roleArn;
    private final String definitionText;
    private final StateMachineDefinition definition;
    private final String inputText;
    private final JsonNode input;
    private final Instant startDate;
    private final History history;
    private final CancellationScope scope = CancellationScope.root();
    private final CompletableFuture<ExecutionDescription> completion = new CompletableFuture<>();
    private final Consumer<ExecutionRun> checkpointer;

    private volatile String resumedTaskToken;
    private volatile CompletableFuture<JsonNode> resumedTaskResult;
    private ExecutionStatus status;
    private String output;
    private String error;
    private String cause;
    private Instant stopDate;
    private Position position;

    public ExecutionRun(String executionArn, String name, String stateMachineArn, String stateMachineName,
                        String roleArn, String definitionText, StateMachineDefinition definition, String inputText,
                        Instant startDate, List<HistoryEvent> history, ExecutionStatus status, String output,
                        String error, String cause, Instant stopDate, Position position,
                        Consumer<ExecutionRun> checkpointer) {
        this.executionArn = executionArn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.stateMachineName = stateMachineName;
        this.roleArn = roleArn;
        this.definitionText = definitionText;
        this.definition = definition;
        this.inputText = inputText;
        this.input = Json.parse(inputText);
        this.startDate = startDate;
        this.history = new History(history);
        this.status = status;
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = stopDate;
        this.position = position;
        this.checkpointer = checkpointer;
        if (status.isTerminal()) {
            completion.complete(describe());
        }
    }

    public String executionArn() {
        return executionArn;
    }

    public String name() {
        return name;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public String stateMachineName() {
        return stateMachineName;
    }

    public String roleArn() {
        return roleArn;
    }

    public String definitionText() {
        return definitionText;
    }

    public StateMachineDefinition definition() {
        return definition;
    }

    public String inputText() {
        return inputText;
    }

    public JsonNode input() {
        return input;
    }

    public Instant startDate() {
        return startDate;
    }

    public History history() {
        return history;
    }

    public CancellationScope scope() {
        return scope;
    }

    public CompletableFuture<ExecutionDescription> completion() {
        return completion;
    }

    /** Keeps the future reserved for the task token this execution waits for when it is loaded from a store. */
    public void reserveResumedTask(String token, CompletableFuture<JsonNode> result) {
        resumedTaskToken = token;
        resumedTaskResult = result;
    }

    /**
     * The future reserved for {@code token} at load time (even if a callback has completed it meanwhile), once;
     * null if none.
     */
    public synchronized CompletableFuture<JsonNode> takeResumedTask(String token) {
        if (token == null || !token.equals(resumedTaskToken)) {
            return null;
        }
        CompletableFuture<JsonNode> result = resumedTaskResult;
        resumedTaskToken = null;
        resumedTaskResult = null;
        return result;
    }

    public synchronized ExecutionStatus status() {
        return status;
    }

    public synchronized boolean isRunning() {
        return status == ExecutionStatus.RUNNING;
    }

    public synchronized Position position() {
        return position;
    }

    public synchronized Instant stopDate() {
        return stopDate;
    }

    public synchronized ExecutionDescription describe() {
        return new ExecutionDescription(executionArn, stateMachineArn, name, status, inputText, output, error, cause,
                startDate, stopDate);
    }

    /** Moves the top-level position and saves a checkpoint, if the execution is still running. */
    public synchronized void moveTo(Position newPosition) {
        if (status != ExecutionStatus.RUNNING) {
            return;
        }
        position = newPosition;
        checkpointer.accept(this);
    }

    /**
     * Changes the position atomically: {@code change} gets the current position and returns the new one, or null to
     * leave it (for example because the execution has moved on meanwhile).
     */
    public synchronized void updatePosition(java.util.function.UnaryOperator<Position> change) {
        if (status != ExecutionStatus.RUNNING) {
            return;
        }
        Position changed = change.apply(position);
        if (changed != null) {
            position = changed;
            checkpointer.accept(this);
        }
    }

    /** Saves a checkpoint of the current state (for example after events inside a Map iteration). */
    public synchronized void checkpoint() {
        checkpointer.accept(this);
    }

    /**
     * Ends the execution with a terminal status and event, once: returns false when it had already ended.
     * The history is closed with the event, the scope cancelled, a final checkpoint saved.
     */
    public boolean finish(ExecutionStatus newStatus, String newOutput, String newError, String newCause,
                          String eventType, String detailsName, JsonNode details) {
        synchronized (this) {
            if (status != ExecutionStatus.RUNNING) {
                return false;
            }
            history.close(eventType, history.lastEventId(), detailsName, details);
            status = newStatus;
            output = newOutput;
            error = newError;
            cause = newCause;
            stopDate = Instant.now();
            position = null;
            checkpointer.accept(this);
        }
        scope.cancel();
        completion.complete(describe());
        return true;
    }
}
