package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.TaskContext;
import dev.oms.local.sfn.TaskFailedException;
import dev.oms.local.sfn.TaskInvoker;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.asl.TaskState;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt of a Task state: InputPath → Parameters → the TaskInvoker (and, for {@code .waitForTaskToken}, the wait
 * for the token) → ResultSelector → ResultPath → OutputPath.
 *
 * <p>{@code TimeoutSeconds}/{@code TimeoutSecondsPath} fail the attempt with {@code States.Timeout};
 * {@code HeartbeatSeconds}/{@code HeartbeatSecondsPath} (for {@code .waitForTaskToken} tasks, the ones that can send
 * heartbeats) with {@code States.HeartbeatTimeout} when no SendTaskHeartbeat arrives in time (the timer starts with
 * the task and restarts at each heartbeat). On a timeout or
 * a stop, the invoker's thread is interrupted.
 *
 * <p>After a restart, a top-level {@code .waitForTaskToken} task whose invocation had returned resumes waiting with
 * its saved token, without invoking again; its timeouts count from the original start.
 */
final class TaskStateRunner {
    private final EngineThreads threads;
    private final TaskInvoker invoker;
    private final TaskTokens tokens;
    private final String region;

    TaskStateRunner(EngineThreads threads, TaskInvoker invoker, TaskTokens tokens, String region) {
        this.threads = threads;
        this.invoker = invoker;
        this.tokens = tokens;
        this.region = region;
    }

    CompletableFuture<JsonNode> attempt(TaskState state, StateVisit visit) {
        Flow flow = visit.flow();
        Position resume = visit.resumeFrom();
        boolean resumeWaiting = resume != null && resume.taskToken() != null && state.waitsForTaskToken();
        String token = resumeWaiting ? resume.taskToken() : state.waitsForTaskToken() ? tokens.newToken() : null;
        ObjectNode context = ContextObject.withTaskToken(ContextObject.forState(visit), token);

        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        JsonNode parameters = InputOutput.parameters(state, effective, context);
        Integer timeoutSeconds = seconds(state.timeoutSeconds(), state.timeoutSecondsPath(), effective, context);
        Integer heartbeatSeconds = seconds(state.heartbeatSeconds(), state.heartbeatSecondsPath(), effective, context);
        TaskEvents events = new TaskEvents(state.resource(), region);
        Instant startedAt = resumeWaiting && resume.taskStartedAt() != null ? resume.taskStartedAt() : Instant.now();
        if (!resumeWaiting) {
            events.scheduled(flow, parameters, timeoutSeconds, heartbeatSeconds);
            events.started(flow);
            if (flow.isTopLevel()) {
                visit.run().checkpoint(); // a restart shows this attempt in the history before invoking again
            }
        }

        CompletableFuture<JsonNode> reserved = resumeWaiting ? visit.run().takeResumedTask(token) : null;
        CompletableFuture<JsonNode> result = reserved != null ? reserved
                : token == null ? new CompletableFuture<>() : tokens.await(token, visit.run().executionArn());
        AtomicReference<String> timedOut = new AtomicReference<>();
        ScheduledFuture<?> timeout = timeoutSeconds == null ? null
                : threads.schedule(() -> timeOut(result, timedOut, ErrorNames.TIMEOUT, "Task timed out after "
                + timeoutSeconds + " seconds"), remaining(startedAt, timeoutSeconds));
        // Only a task with a token can send heartbeats, so only its heartbeat can run out.
        HeartbeatTimer heartbeat = heartbeatSeconds == null || token == null ? null
                : new HeartbeatTimer(heartbeatSeconds, () -> timeOut(result, timedOut, ErrorNames.HEARTBEAT_TIMEOUT,
                "No heartbeat received for " + heartbeatSeconds + " seconds"));
        if (heartbeat != null) {
            heartbeat.start(remaining(startedAt, heartbeatSeconds));
        }
        Runnable removeCancelHook = flow.scope().onCancel(
                () -> result.completeExceptionally(new ExecutionCancelledException()));

        if (token != null && heartbeat != null) {
            tokens.onHeartbeat(token, heartbeat::restart);
        }
        Future<?> invocation = resumeWaiting ? null : invoke(state, visit, parameters, token, timeoutSeconds,
                startedAt, context, result, events);

        return result.handle((output, failure) -> {
            removeCancelHook.run();
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (heartbeat != null) {
                heartbeat.stop();
            }
            if (invocation != null && !invocation.isDone()) {
                invocation.cancel(true);
            }
            if (failure == null) {
                JsonNode value = output == null ? NullNode.getInstance() : output;
                events.succeeded(flow, value);
                return InputOutput.processResult(state, visit.rawInput(), value, context);
            }
            Throwable error = Interpreter.unwrap(failure);
            if (error instanceof StatesError statesError) {
                if (timedOut.get() != null) {
                    events.timedOut(flow, statesError.error(), statesError.cause());
                } else {
                    events.failed(flow, statesError.error(), statesError.cause());
                }
                throw statesError;
            }
            throw error instanceof RuntimeException runtime ? runtime : new ExecutionCancelledException();
        });
    }

    private Future<?> invoke(TaskState state, StateVisit visit, JsonNode parameters, String token,
                             Integer timeoutSeconds, Instant startedAt, JsonNode context,
                             CompletableFuture<JsonNode> result, TaskEvents events) {
        ExecutionRun run = visit.run();
        TaskContext taskContext = new TaskContext(run.executionArn(), run.name(), run.stateMachineArn(),
                state.name(), token, visit.retryCount(), timeoutSeconds == null ? 0 : timeoutSeconds, context);
        try {
            return threads.submit(() -> {
                try {
                    JsonNode output = invoker.invoke(state.resource(), parameters, taskContext);
                    if (token == null) {
                        result.complete(output);
                    } else if (!result.isDone()) {
                        events.submitted(visit.flow(), output == null ? NullNode.getInstance() : output);
                        rememberWaiting(visit, token, startedAt);
                    }
                } catch (TaskFailedException e) {
                    result.completeExceptionally(new StatesError(e.error(), e.cause()));
                } catch (Throwable t) {
                    if (!result.isDone() && !Thread.currentThread().isInterrupted()) {
                        result.completeExceptionally(new StatesError(ErrorNames.TASK_FAILED,
                                t.getClass().getName() + ": " + t.getMessage()));
                    }
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            result.completeExceptionally(new ExecutionCancelledException());
            return null;
        }
    }

    /**
     * Checkpoints a top-level task that now waits for its token, so a restarted service keeps waiting for the same
     * token instead of invoking again. (Until the invoker has returned, a restart invokes again: at-least-once.)
     */
    private static void rememberWaiting(StateVisit visit, String token, Instant startedAt) {
        if (!visit.flow().isTopLevel()) {
            return;
        }
        visit.run().updatePosition(current -> current != null && current.stateName().equals(visit.state().name())
                && visit.enteredTime().equals(current.enteredTime()) ? current.waitingForToken(token, startedAt) : null);
    }

    private static void timeOut(CompletableFuture<JsonNode> result, AtomicReference<String> timedOut, String error,
                                String cause) {
        if (timedOut.compareAndSet(null, error)) {
            if (!result.completeExceptionally(new StatesError(error, cause))) {
                timedOut.set(null);
            }
        }
    }

    private static Duration remaining(Instant startedAt, int seconds) {
        return Duration.between(Instant.now(), startedAt.plusSeconds(seconds));
    }

    private static Integer seconds(Integer fixed, String path, JsonNode input, JsonNode context) {
        if (fixed != null || path == null) {
            return fixed;
        }
        JsonNode value;
        try {
            value = JsonPaths.read(path, input, context);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' for a task timeout in " + Json.write(input));
        }
        if (!Json.isIntegral(value) || value.decimalValue().signum() <= 0) {
            throw StatesError.runtime("The path '" + path + "' must select a positive integer, not " + Json.write(value));
        }
        return value.decimalValue().intValue();
    }

    /** Fires when no heartbeat arrived for HeartbeatSeconds; restarted by SendTaskHeartbeat. */
    private final class HeartbeatTimer {
        private final int seconds;
        private final Runnable onTimeout;
        private ScheduledFuture<?> timer;
        private boolean stopped;

        HeartbeatTimer(int seconds, Runnable onTimeout) {
            this.seconds = seconds;
            this.onTimeout = onTimeout;
        }

        synchronized void start(Duration delay) {
            if (!stopped) {
                timer = threads.schedule(onTimeout, delay);
            }
        }

        synchronized void restart() {
            if (timer != null) {
                timer.cancel(false);
            }
            start(Duration.ofSeconds(seconds));
        }

        synchronized void stop() {
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
