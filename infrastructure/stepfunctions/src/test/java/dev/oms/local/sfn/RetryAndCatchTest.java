package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {
    private static final String TASK = "arn:aws:lambda:us-east-1:000000000000:function:Reserve";
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    /** Fails with the given errors in turn, then returns {"ok": true}. */
    private void failing(String... errors) {
        AtomicInteger calls = new AtomicInteger();
        h.tasks.on(TASK, (parameters, context) -> {
            int n = calls.getAndIncrement();
            if (n < errors.length) {
                throw new TaskFailedException(errors[n], "attempt " + (n + 1));
            }
            return json("{\"ok\": true}");
        });
    }

    @Test
    void retriesWithBackoffUntilItSucceeds() {
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        h.tasks.on(TASK, (parameters, context) -> {
            callTimes.add(System.nanoTime());
            if (calls.getAndIncrement() < 3) {
                throw new TaskFailedException("ConnectorException", "down");
            }
            return json("{\"retries\": " + context.retryCount() + "}");
        });
        try (Harness fast = new Harness(builder -> builder.delayScale(0.1))) {
            fast.tasks.on(TASK, (parameters, context) -> h.tasks.invoke(TASK, parameters, context));
            String arn = fast.start("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
                  "Retry": [{"ErrorEquals": ["ConnectorException"], "IntervalSeconds": 1, "MaxAttempts": 3,
                             "BackoffRate": 2.0}],
                  "End": true}}}""".formatted(TASK), "{}");
            ExecutionDescription done = fast.service.awaitExecution(arn, Harness.WAIT);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(json(done.output())).isEqualTo(json("{\"retries\": 3}"));
            assertThat(fast.eventTypes(arn).stream().filter("LambdaFunctionFailed"::equals)).hasSize(3);
        }
        assertThat(callTimes).hasSize(4);
        // delays of 1 s, 2 s and 4 s, scaled by 0.1: at least 100, 200 and 400 ms (timers never fire early;
        // upper bounds would make the test flaky on a busy machine, Retrier.delayBeforeRetry is tested exactly)
        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = (callTimes.get(i + 1) - callTimes.get(i)) / 1_000_000;
        }
        System.out.println("retry gaps (ms): " + java.util.Arrays.toString(gaps));
        assertThat(gaps[0]).isGreaterThanOrEqualTo(95L);
        assertThat(gaps[1]).isGreaterThanOrEqualTo(195L);
        assertThat(gaps[2]).isGreaterThanOrEqualTo(395L);
    }

    @Test
    void stopsAfterMaxAttemptsAndFailsWithTheLastError() {
        failing("ConnectorException", "ConnectorException", "ConnectorException", "ConnectorException");
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["ConnectorException"], "MaxAttempts": 2}], "End": true}}}""".formatted(TASK),
                "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("ConnectorException");
        assertThat(done.cause()).isEqualTo("attempt 3");
        assertThat(h.tasks.calls()).hasSize(3);
        assertThat(h.tasks.calls()).extracting(call -> call.context().retryCount()).containsExactly(0, 1, 2);
    }

    @Test
    void maxAttemptsZeroNeverRetriesAndTheFirstMatchingRetrierDecides() {
        failing("Carrier.Unavailable", "Carrier.Unavailable");
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["Carrier.Unavailable"], "MaxAttempts": 0},
                        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}], "End": true}}}""".formatted(TASK), "{}");
        assertThat(done.error()).isEqualTo("Carrier.Unavailable");
        assertThat(h.tasks.calls()).hasSize(1);
    }

    @Test
    void eachRetrierCountsItsOwnAttempts() {
        failing("A", "B", "A", "B");
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 2}, {"ErrorEquals": ["B"], "MaxAttempts": 2}],
              "End": true}}}""".formatted(TASK), "{}");
        assertThat(out).isEqualTo(json("{\"ok\": true}"));
        assertThat(h.tasks.calls()).hasSize(5);
    }

    @Test
    void catchersAreTriedInOrderAndPlaceTheErrorWithResultPath() {
        failing("Payment.Declined");
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Catch": [{"ErrorEquals": ["Other"], "Next": "Wrong"},
                        {"ErrorEquals": ["Payment.Declined", "Payment.Expired"], "ResultPath": "$.failure", "Next": "Handle"},
                        {"ErrorEquals": ["States.ALL"], "Next": "Wrong"}], "End": true},
              "Handle": {"Type": "Pass", "End": true},
              "Wrong": {"Type": "Fail", "Error": "WrongCatcher"}}}""".formatted(TASK), "{\"order\": \"o1\"}");
        assertThat(out).isEqualTo(json(
                "{\"order\": \"o1\", \"failure\": {\"Error\": \"Payment.Declined\", \"Cause\": \"attempt 1\"}}"));
    }

    @Test
    void catchWithoutResultPathReplacesTheInputWithTheErrorAndNullKeepsTheInput() {
        failing("X", "X");
        JsonNode replaced = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Catch": [{"ErrorEquals": ["X"], "Next": "Done"}], "End": true}, "Done": {"Type": "Succeed"}}}"""
                .formatted(TASK), "{\"order\": \"o1\"}");
        assertThat(replaced).isEqualTo(json("{\"Error\": \"X\", \"Cause\": \"attempt 1\"}"));
        JsonNode kept = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Catch": [{"ErrorEquals": ["X"], "ResultPath": null, "Next": "Done"}], "End": true},
              "Done": {"Type": "Succeed"}}}""".formatted(TASK), "{\"order\": \"o1\"}");
        assertThat(kept).isEqualTo(json("{\"order\": \"o1\"}"));
    }

    @Test
    void retriesRunBeforeCatchers() {
        failing("X", "X", "X");
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 1}],
              "Catch": [{"ErrorEquals": ["X"], "ResultPath": "$.e", "Next": "Done"}], "End": true},
              "Done": {"Type": "Succeed"}}}""".formatted(TASK), "{}");
        assertThat(out).isEqualTo(json("{\"e\": {\"Error\": \"X\", \"Cause\": \"attempt 2\"}}"));
        assertThat(h.tasks.calls()).hasSize(2);
    }

    @Test
    void statesAllCatchesEverythingButRuntimeErrors() {
        failing("Anything.AtAll");
        assertThat(h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "Done"}], "End": true},
              "Done": {"Type": "Pass", "OutputPath": "$.e.Error", "End": true}}}""".formatted(TASK), "{}").asText())
                .isEqualTo("Anything.AtAll");
        ExecutionDescription runtime = h.run("""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "OutputPath": "$.missing", "End": true,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
              "Retry": [{"ErrorEquals": ["States.ALL"]}],
              "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
              "Done": {"Type": "Succeed"}}}""", "{}");
        assertThat(runtime.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(runtime.error()).isEqualTo("States.Runtime");
    }

    @Test
    void taskFailedMatchesTaskErrorsButNotTimeouts() {
        failing("Custom.Error");
        assertThat(h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.e", "Next": "Done"}], "End": true},
              "Done": {"Type": "Pass", "OutputPath": "$.e.Error", "End": true}}}""".formatted(TASK), "{}").asText())
                .isEqualTo("Custom.Error");

        h.tasks.on(TASK, (parameters, context) -> {
            StateTypesTest.sleep(5000);
            return json("{}");
        });
        ExecutionDescription timedOut = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 1,
              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Wrong"},
                        {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.e", "Next": "Done"}], "End": true},
              "Wrong": {"Type": "Fail", "Error": "Wrong"},
              "Done": {"Type": "Pass", "OutputPath": "$.e.Error", "End": true}}}""".formatted(TASK), "{}");
        assertThat(json(timedOut.output()).asText()).isEqualTo("States.Timeout");
    }

    @Test
    void retryAndCatchWorkOnParallelAndMapStates() {
        AtomicInteger calls = new AtomicInteger();
        h.tasks.on(TASK, (parameters, context) -> {
            if (calls.getAndIncrement() == 0) {
                throw new TaskFailedException("Flaky", "first call");
            }
            return parameters;
        });
        JsonNode out = h.output("""
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}],
              "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}},
              "ResultPath": "$.out", "ItemsPath": "$.items", "Next": "P"},
             "P": {"Type": "Parallel", "ResultPath": "$.p",
              "Catch": [{"ErrorEquals": ["Branch.Failed"], "ResultPath": "$.p", "Next": "Done"}],
              "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Branch.Failed", "Cause": "c"}}}],
              "End": true},
             "Done": {"Type": "Succeed"}}}""".formatted(TASK), "{\"items\": [1, 2]}");
        assertThat(out).isEqualTo(json(
                "{\"items\": [1, 2], \"out\": [1, 2], \"p\": {\"Error\": \"Branch.Failed\", \"Cause\": \"c\"}}"));
    }

    @Test
    void anInvokerCrashIsATaskFailure() {
        h.tasks.on(TASK, (parameters, context) -> {
            throw new IllegalStateException("bug in handler");
        });
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(TASK),
                "{}");
        assertThat(done.error()).isEqualTo("States.TaskFailed");
        assertThat(done.cause()).contains("IllegalStateException").contains("bug in handler");
    }
}
