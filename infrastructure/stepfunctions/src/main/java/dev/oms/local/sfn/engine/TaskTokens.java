package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.StepFunctionsException;
import dev.oms.local.sfn.asl.StatesError;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of {@code .waitForTaskToken} tasks that are waiting for SendTaskSuccess / SendTaskFailure /
 * SendTaskHeartbeat. A token is registered before its task is invoked, so a callback that arrives while the invoker
 * is still running is not lost.
 */
public final class TaskTokens {
    private static final int MAX_TOKEN_LENGTH = 1024;
    private static final int REMEMBERED_FINISHED_TOKENS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Set<String> finished = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_FINISHED_TOKENS;
                }
            }));

    /** A task waiting for its token; {@code onHeartbeat} restarts its heartbeat timer. */
    private static final class Waiting {
        private final String executionArn;
        private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private volatile Runnable onHeartbeat = () -> { };

        Waiting(String executionArn) {
            this.executionArn = executionArn;
        }
    }

    public String newToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "AQC" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The future that SendTaskSuccess / SendTaskFailure complete for {@code token}: registered now, or the one
     * registered before (when a restarted service re-registers the tokens of resumed executions before their tasks
     * run again, so that a callback arriving in between is not lost).
     */
    public CompletableFuture<JsonNode> await(String token, String executionArn) {
        Waiting task = waiting.computeIfAbsent(token, t -> {
            Waiting created = new Waiting(executionArn);
            created.result.whenComplete((value, error) -> {
                waiting.remove(t, created);
                finished.add(t);
            });
            return created;
        });
        return task.result;
    }

    /** What SendTaskHeartbeat does for {@code token} (restart the heartbeat timer). */
    public void onHeartbeat(String token, Runnable onHeartbeat) {
        Waiting task = waiting.get(token);
        if (task != null) {
            task.onHeartbeat = onHeartbeat;
        }
    }

    public void succeed(String token, JsonNode output) {
        find(token).result.complete(output);
    }

    public void fail(String token, String error, String cause) {
        find(token).result.completeExceptionally(new StatesError(error, cause));
    }

    public void heartbeat(String token) {
        find(token).onHeartbeat.run();
    }

    /** The tokens waiting for an execution (for tests and diagnostics). */
    public Set<String> tokensOf(String executionArn) {
        Set<String> tokens = new java.util.TreeSet<>();
        waiting.forEach((token, task) -> {
            if (task.executionArn.equals(executionArn)) {
                tokens.add(token);
            }
        });
        return tokens;
    }

    private Waiting find(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw StepFunctionsException.of("InvalidToken", "Invalid Token: '" + token + "'");
        }
        Waiting task = waiting.get(token);
        if (task != null && !task.result.isDone()) {
            return task;
        }
        if (task != null || finished.contains(token)) {
            throw StepFunctionsException.of("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        }
        throw StepFunctionsException.of("TaskDoesNotExist", "Task does not exist: '" + token + "'");
    }
}
