package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.TaskInvoker;
import dev.oms.local.sfn.asl.Catcher;
import dev.oms.local.sfn.asl.ChoiceState;
import dev.oms.local.sfn.asl.ErrorMatcher;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.FailState;
import dev.oms.local.sfn.asl.MapState;
import dev.oms.local.sfn.asl.ParallelState;
import dev.oms.local.sfn.asl.PassState;
import dev.oms.local.sfn.asl.Retrier;
import dev.oms.local.sfn.asl.State;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.asl.StateType;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.asl.TaskState;
import dev.oms.local.sfn.asl.WaitState;
import dev.oms.local.sfn.intrinsics.IntrinsicFunctions;
import dev.oms.local.sfn.intrinsics.IntrinsicParser;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Runs a graph of states (a state machine, a Parallel branch, a Map iteration) from a state to its end.
 *
 * <p>Every transition is a new task on the worker pool, so a long loop neither grows the stack nor holds a thread;
 * Wait states, retry back-offs, timeouts and task tokens are timers and futures. The simple states (Pass, Choice,
 * Succeed, Fail) are handled here; Task, Parallel, Map and Wait have their own runners. Retry and Catch wrap the
 * attempts of Task, Parallel and Map.
 */
public final class Interpreter {
    private final EngineThreads threads;
    private final TaskStateRunner tasks;
    private final ParallelStateRunner parallels;
    private final MapStateRunner maps;
    private final WaitStateRunner waits;

    public Interpreter(EngineThreads threads, TaskInvoker invoker, TaskTokens tokens, String region) {
        this.threads = threads;
        this.tasks = new TaskStateRunner(threads, invoker, tokens, region);
        this.parallels = new ParallelStateRunner(this);
        this.maps = new MapStateRunner(this);
        this.waits = new WaitStateRunner(threads);
    }

    /**
     * Runs {@code graph} from {@code stateName} with {@code input}. The future completes with the graph's output, or
     * exceptionally with a {@link StatesError} (unhandled error) or an {@link ExecutionCancelledException}.
     *
     * @param resume the saved position when resuming the first state after a restart, else null
     */
    public CompletableFuture<JsonNode> run(StateMachineDefinition graph, String stateName, JsonNode input, Flow flow,
                                           Position resume) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        step(graph, stateName, input, flow, resume, result);
        return result;
    }

    private void step(StateMachineDefinition graph, String stateName, JsonNode input, Flow flow, Position resume,
                      CompletableFuture<JsonNode> result) {
        try {
            threads.workers().execute(() -> {
                CompletableFuture<Transition> transition;
                try {
                    transition = runState(graph.state(stateName), input, flow, resume);
                } catch (Throwable t) {
                    transition = CompletableFuture.failedFuture(t);
                }
                transition.whenComplete((next, error) -> {
                    if (error != null) {
                        result.completeExceptionally(unwrap(error));
                    } else if (next.next() == null) {
                        result.complete(next.output());
                    } else {
                        step(graph, next.next(), next.output(), flow, null, result);
                    }
                });
            });
        } catch (RejectedExecutionException shuttingDown) {
            result.completeExceptionally(new ExecutionCancelledException());
        }
    }

    private CompletableFuture<Transition> runState(State state, JsonNode rawInput, Flow flow, Position resume) {
        flow.scope().throwIfCancelled();
        boolean alreadyEntered = resume != null && resume.entered();
        Instant entered = alreadyEntered && resume.enteredTime() != null ? resume.enteredTime() : Instant.now();
        if (!alreadyEntered) {
            ObjectNode details = Json.object();
            details.put("name", state.name());
            details.put("input", Json.write(rawInput));
            details.putObject("inputDetails").put("truncated", false);
            flow.record(state.type() + "StateEntered", "stateEnteredEventDetails", details);
        }
        if (flow.isTopLevel()) {
            flow.run().moveTo(alreadyEntered ? resume : Position.entered(state.name(), rawInput, entered));
        }
        StateVisit visit = new StateVisit(state, rawInput, flow, entered, resume);
        CompletableFuture<Transition> outcome = switch (state.type()) {
            case Pass -> CompletableFuture.completedFuture(pass((PassState) state, visit));
            case Choice -> CompletableFuture.completedFuture(choice((ChoiceState) state, visit));
            case Succeed -> CompletableFuture.completedFuture(succeed(state, visit));
            case Fail -> CompletableFuture.failedFuture(fail((FailState) state, visit));
            case Wait -> waits.run((WaitState) state, visit).thenApply(output -> new Transition(state.next(), output));
            case Task -> withRetryAndCatch(visit, v -> tasks.attempt((TaskState) state, v));
            case Parallel -> withRetryAndCatch(visit, v -> parallels.attempt((ParallelState) state, v));
            case Map -> withRetryAndCatch(visit, v -> maps.attempt((MapState) state, v));
        };
        return outcome.thenApply(transition -> {
            String output = Json.write(transition.output());
            InputOutput.checkSize(state.name(), output);
            ObjectNode details = Json.object();
            details.put("name", state.name());
            details.put("output", output);
            details.putObject("outputDetails").put("truncated", false);
            flow.record(state.type() + "StateExited", "stateExitedEventDetails", details);
            return transition;
        });
    }

    // ----- the simple states -----

    private Transition pass(PassState state, StateVisit visit) {
        JsonNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        JsonNode result = state.result() != null ? state.result().deepCopy()
                : InputOutput.parameters(state, effective, context);
        JsonNode placed = InputOutput.resultPath(state, visit.rawInput(), result);
        return new Transition(state.next(), InputOutput.outputPath(state, placed, context));
    }

    private Transition choice(ChoiceState state, StateVisit visit) {
        JsonNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        String next = state.defaultState();
        for (ChoiceState.Branch branch : state.choices()) {
            if (branch.rule().matches(effective, context)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            throw new StatesError(ErrorNames.NO_CHOICE_MATCHED,
                    "No Choice Rules matched and no Default was specified in the Choice state '" + state.name() + "'");
        }
        return new Transition(next, InputOutput.outputPath(state, effective, context));
    }

    private Transition succeed(State state, StateVisit visit) {
        JsonNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        return new Transition(null, InputOutput.outputPath(state, effective, context));
    }

    private StatesError fail(FailState state, StateVisit visit) {
        JsonNode context = ContextObject.forState(visit);
        String error = state.errorPath() != null ? dynamicText(state.errorPath(), "ErrorPath", visit, context)
                : state.error();
        String cause = state.causePath() != null ? dynamicText(state.causePath(), "CausePath", visit, context)
                : state.cause();
        return new StatesError(error, cause);
    }

    private static String dynamicText(String pathOrIntrinsic, String field, StateVisit visit, JsonNode context) {
        JsonNode value;
        if (IntrinsicParser.looksLikeIntrinsic(pathOrIntrinsic)) {
            value = IntrinsicFunctions.evaluate(pathOrIntrinsic, visit.rawInput(), context);
        } else {
            try {
                value = JsonPaths.read(pathOrIntrinsic, visit.rawInput(), context);
            } catch (PathNotFoundException e) {
                throw StatesError.runtime("Invalid path '" + pathOrIntrinsic + "' in the " + field + " of the Fail state '"
                        + visit.state().name() + "'");
            }
        }
        if (!value.isTextual()) {
            throw StatesError.runtime("The " + field + " of the Fail state '" + visit.state().name()
                    + "' must select a string, not " + Json.write(value));
        }
        return value.textValue();
    }

    // ----- Retry and Catch -----

    private CompletableFuture<Transition> withRetryAndCatch(StateVisit visit,
                                                           Function<StateVisit, CompletableFuture<JsonNode>> attempt) {
        CompletableFuture<Transition> outcome = new CompletableFuture<>();
        tryOnce(visit, attempt, new int[visit.state().retriers().size()], outcome);
        return outcome;
    }

    private void tryOnce(StateVisit visit, Function<StateVisit, CompletableFuture<JsonNode>> attempt,
                         int[] retriesPerRetrier, CompletableFuture<Transition> outcome) {
        CompletableFuture<JsonNode> result;
        try {
            visit.flow().scope().throwIfCancelled();
            result = attempt.apply(visit);
        } catch (Throwable t) {
            result = CompletableFuture.failedFuture(t);
        }
        result.whenComplete((output, failure) -> {
            if (failure == null) {
                outcome.complete(new Transition(visit.state().next(), output));
                return;
            }
            Throwable error = unwrap(failure);
            if (!(error instanceof StatesError statesError)) {
                outcome.completeExceptionally(error);
                return;
            }
            State state = visit.state();
            boolean inTask = state.type() == StateType.Task;
            List<Retrier> retriers = state.retriers();
            for (int i = 0; i < retriers.size(); i++) {
                Retrier retrier = retriers.get(i);
                if (!ErrorMatcher.matches(retrier.errorEquals(), statesError, inTask)) {
                    continue;
                }
                if (retriesPerRetrier[i] < retrier.maxAttempts()) {
                    Duration delay = retrier.delayBeforeRetry(retriesPerRetrier[i]);
                    retriesPerRetrier[i]++;
                    visit.countRetry();
                    threads.sleep(delay, visit.flow().scope()).whenComplete((ignored, cancelled) -> {
                        if (cancelled != null) {
                            outcome.completeExceptionally(unwrap(cancelled));
                        } else {
                            tryOnce(visit, attempt, retriesPerRetrier, outcome);
                        }
                    });
                    return;
                }
                break; // the first matching retrier decides; once it is exhausted the catchers take over
            }
            for (Catcher catcher : state.catchers()) {
                if (ErrorMatcher.matches(catcher.errorEquals(), statesError, inTask)) {
                    try {
                        ObjectNode errorOutput = Json.object();
                        errorOutput.put("Error", statesError.error());
                        if (statesError.cause() != null) {
                            errorOutput.put("Cause", statesError.cause());
                        }
                        JsonNode caughtOutput = catcher.resultPath() == null ? visit.rawInput()
                                : catcher.resultPath().place(visit.rawInput(), errorOutput);
                        outcome.complete(new Transition(catcher.next(), caughtOutput));
                    } catch (StatesError resultPathFailure) {
                        outcome.completeExceptionally(resultPathFailure);
                    }
                    return;
                }
            }
            outcome.completeExceptionally(statesError);
        });
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
