package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each state type end to end, with its history events. */
class StateTypesTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:";
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void passWithResultParametersAndPaths() {
        JsonNode out = h.output("""
            {"StartAt": "Fixed", "States": {
              "Fixed": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.fixed", "Next": "FromInput"},
              "FromInput": {"Type": "Pass", "InputPath": "$.fixed", "Parameters": {"y.$": "$.x", "z": 2},
                            "ResultPath": "$.params", "Next": "Plain"},
              "Plain": {"Type": "Pass", "OutputPath": "$.params", "End": true}}}""", "{\"keep\": true}");
        assertThat(out).isEqualTo(json("{\"y\": 1, \"z\": 2}"));
    }

    @Test
    void passHistoryHasEnteredAndExitedWithInputAndOutput() {
        String arn = h.start("""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "r", "ResultPath": "$.r", "End": true}}}""",
                "{\"a\": 1}");
        h.service.awaitExecution(arn, Harness.WAIT);
        List<HistoryEvent> events = h.history(arn);
        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L);
        HistoryEvent entered = events.get(1);
        assertThat(entered.detailsName()).isEqualTo("stateEnteredEventDetails");
        assertThat(entered.details().get("name").asText()).isEqualTo("P");
        assertThat(json(entered.details().get("input").asText())).isEqualTo(json("{\"a\": 1}"));
        HistoryEvent exited = events.get(2);
        assertThat(exited.detailsName()).isEqualTo("stateExitedEventDetails");
        assertThat(json(exited.details().get("output").asText())).isEqualTo(json("{\"a\": 1, \"r\": \"r\"}"));
        HistoryEvent succeeded = events.get(3);
        assertThat(succeeded.detailsName()).isEqualTo("executionSucceededEventDetails");
        assertThat(json(succeeded.details().get("output").asText())).isEqualTo(json("{\"a\": 1, \"r\": \"r\"}"));
        assertThat(events.get(0).details().get("roleArn").asText()).isEqualTo(Harness.ROLE);
    }

    @Test
    void succeedAppliesInputAndOutputPath() {
        assertThat(h.output("""
            {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}""",
                "{\"a\": {\"b\": 7}}")).isEqualTo(json("7"));
    }

    @Test
    void failWithFixedAndDynamicErrorAndCause() {
        ExecutionDescription fixed = h.run("""
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Order.Rejected", "Cause": "no stock"}}}""",
                "{}");
        assertThat(fixed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(fixed.error()).isEqualTo("Order.Rejected");
        assertThat(fixed.cause()).isEqualTo("no stock");

        String arn = h.start("""
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
              "CausePath": "States.Format('order {} rejected', $.id)"}}}""", "{\"code\": \"E42\", \"id\": \"o1\"}");
        ExecutionDescription dynamic = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(dynamic.error()).isEqualTo("E42");
        assertThat(dynamic.cause()).isEqualTo("order o1 rejected");
        assertThat(h.eventTypes(arn)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        HistoryEvent failed = h.history(arn).get(2);
        assertThat(failed.details().get("error").asText()).isEqualTo("E42");
        assertThat(failed.details().get("cause").asText()).isEqualTo("order o1 rejected");
    }

    @Test
    void choiceTakesTheFirstMatchingRuleThenDefaultThenFails() {
        String definition = """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "InputPath": "$.order", "OutputPath": "$.total", "Choices": [
                {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Big"},
                {"Variable": "$.total", "NumericGreaterThan": 10, "Next": "Medium"}], "Default": "Small"},
              "Big": {"Type": "Pass", "Result": "big", "End": true},
              "Medium": {"Type": "Pass", "Result": "medium", "End": true},
              "Small": {"Type": "Pass", "Result": "small", "End": true}}}""";
        assertThat(h.output(definition, "{\"order\": {\"total\": 500}}").asText()).isEqualTo("big");
        assertThat(h.output(definition, "{\"order\": {\"total\": 50}}").asText()).isEqualTo("medium");
        assertThat(h.output(definition, "{\"order\": {\"total\": 5}}").asText()).isEqualTo("small");

        ExecutionDescription noMatch = h.run("""
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
              {"Variable": "$.x", "StringEquals": "a", "Next": "A"}]}, "A": {"Type": "Succeed"}}}""",
                "{\"x\": \"b\"}");
        assertThat(noMatch.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(noMatch.error()).isEqualTo("States.NoChoiceMatched");

        ExecutionDescription missing = h.run("""
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
              {"Variable": "$.nope", "StringEquals": "a", "Next": "A"}], "Default": "A"}, "A": {"Type": "Succeed"}}}""",
                "{}");
        assertThat(missing.error()).isEqualTo("States.Runtime");
    }

    @Test
    void choiceOutputIsItsFilteredInputAndHistoryShowsIt() {
        String arn = h.start("""
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
              {"Variable": "$.go", "BooleanEquals": true, "Next": "S"}]}, "S": {"Type": "Succeed"}}}""",
                "{\"go\": true}");
        h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(h.eventTypes(arn)).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited",
                "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
    }

    @Test
    void waitForSecondsSecondsPathTimestampAndTimestampPath() {
        try (Harness realTime = new Harness(builder -> builder.delayScale(1.0))) {
            String past = "2001-01-01T00:00:00Z";
            String soon = Instant.now().plusMillis(1200).toString();
            String definition = """
                {"StartAt": "W1", "States": {
                  "W1": {"Type": "Wait", "Seconds": 1, "Next": "W2"},
                  "W2": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "W3"},
                  "W3": {"Type": "Wait", "Timestamp": "%s", "Next": "W4"},
                  "W4": {"Type": "Wait", "TimestampPath": "$.until", "InputPath": "$", "OutputPath": "$.delay", "End": true}}}"""
                    .formatted(past);
            long start = System.nanoTime();
            JsonNode out = realTime.output(definition, "{\"delay\": 0, \"until\": \"" + soon + "\"}");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(out.intValue()).isZero();
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void waitDoesNotHoldAWorkerThread() {
        try (Harness oneThread = new Harness(builder -> builder.workerThreads(1).delayScale(1.0))) {
            String waiting = oneThread.start("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}""", "{}");
            JsonNode out = oneThread.output("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "done", "End": true}}}""", "{}");
            assertThat(out.asText()).isEqualTo("done");
            assertThat(oneThread.service.describeExecution(waiting).status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(oneThread.eventTypes(waiting)).containsExactly("ExecutionStarted", "WaitStateEntered");
        }
    }

    @Test
    void waitWithABadSecondsPathFailsTheExecution() {
        ExecutionDescription failed = h.run("""
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}}""",
                "{\"delay\": \"soon\"}");
        assertThat(failed.error()).isEqualTo("States.Runtime");
    }

    @Test
    void parallelRunsBranchesConcurrentlyAndKeepsTheirOrder() {
        ConcurrentHashMap<String, Boolean> inFlight = new ConcurrentHashMap<>();
        AtomicInteger maxInFlight = new AtomicInteger();
        h.tasks.on(LAMBDA + "Slow", (parameters, context) -> {
            inFlight.put(parameters.get("name").asText(), true);
            awaitAtLeast(inFlight::size, 2);
            maxInFlight.accumulateAndGet(inFlight.size(), Math::max);
            sleep(50);
            inFlight.remove(parameters.get("name").asText());
            return json("{\"from\": \"" + parameters.get("name").asText() + "\"}");
        });
        String arn = h.start("""
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "ResultPath": "$.results", "End": true,
              "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$sSlow",
                   "Parameters": {"name": "a"}, "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "%1$sSlow",
                   "Parameters": {"name": "b"}, "End": true}}},
                {"StartAt": "C", "States": {"C": {"Type": "Pass", "Result": "c", "End": true}}}]}}}"""
                .formatted(LAMBDA), "{\"in\": 1}");
        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(json(done.output())).isEqualTo(json(
                "{\"in\": 1, \"results\": [{\"from\": \"a\"}, {\"from\": \"b\"}, \"c\"]}"));
        assertThat(maxInFlight.get()).isEqualTo(2);
        List<String> types = h.eventTypes(arn);
        assertThat(types).startsWith("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted");
        assertThat(types).endsWith("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded");
        assertThat(types).contains("PassStateEntered", "TaskStateEntered", "LambdaFunctionSucceeded");
    }

    @Test
    void aFailingBranchFailsTheParallelStateAndStopsTheOthers() {
        // real time: with the default harness (delay scale 0) the slow branch's wait would end at once and race the failure
        try (Harness realTime = new Harness(builder -> builder.delayScale(1.0))) {
            AtomicInteger laterSteps = new AtomicInteger();
            realTime.tasks.on(LAMBDA + "Later", (parameters, context) -> {
                laterSteps.incrementAndGet();
                return json("{}");
            });
            String arn = realTime.start("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 2, "Next": "Later"},
                     "Later": {"Type": "Task", "Resource": "%sLater", "End": true}}},
                  {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "x"}}}]}}}"""
                    .formatted(LAMBDA), "{}");
            ExecutionDescription done = realTime.service.awaitExecution(arn, Harness.WAIT);
            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).isEqualTo("Branch.Broke");
            sleep(2500);
            assertThat(realTime.eventTypes(arn)).contains("ParallelStateFailed").doesNotContain("ParallelStateSucceeded");
            assertThat(laterSteps.get()).isZero();
        }
    }

    @Test
    void mapGivesEachIterationItsIndexAndValue() {
        h.tasks.echoing(LAMBDA + "Line");
        String arn = h.start("""
            {"StartAt": "Lines", "States": {"Lines": {"Type": "Map", "ItemsPath": "$.lines", "MaxConcurrency": 2,
              "ItemSelector": {"index.$": "$$.Map.Item.Index", "sku.$": "$$.Map.Item.Value.sku",
                               "order.$": "$.orderId"},
              "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%sLine", "End": true}}},
              "ResultPath": "$.processed", "End": true}}}""".formatted(LAMBDA),
                "{\"orderId\": \"o1\", \"lines\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}, {\"sku\": \"C\"}]}");
        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(json(done.output()).get("processed")).isEqualTo(json("""
            [{"index": 0, "sku": "A", "order": "o1"}, {"index": 1, "sku": "B", "order": "o1"},
             {"index": 2, "sku": "C", "order": "o1"}]"""));
        List<HistoryEvent> events = h.history(arn);
        assertThat(events).filteredOn(e -> e.type().equals("MapStateStarted"))
                .singleElement().satisfies(e -> assertThat(e.details().get("length").asInt()).isEqualTo(3));
        assertThat(events).filteredOn(e -> e.type().equals("MapIterationStarted"))
                .extracting(e -> e.details().get("index").asInt()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(events).filteredOn(e -> e.type().equals("MapIterationSucceeded")).hasSize(3);
        assertThat(events).extracting(HistoryEvent::type).contains("MapStateEntered", "MapStateSucceeded",
                "MapStateExited");
    }

    @Test
    void mapRespectsMaxConcurrency() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        h.tasks.on(LAMBDA + "Slow", (parameters, context) -> {
            inFlight.incrementAndGet();
            awaitAtLeast(inFlight::get, 2);
            maxInFlight.accumulateAndGet(inFlight.get(), Math::max);
            sleep(20);
            inFlight.decrementAndGet();
            return parameters;
        });
        JsonNode out = h.output("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2,
              "Iterator": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%sSlow", "End": true}}},
              "End": true}}}""".formatted(LAMBDA), "[1, 2, 3, 4, 5, 6]");
        assertThat(out).isEqualTo(json("[1, 2, 3, 4, 5, 6]"));
        assertThat(maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void aFailingIterationFailsTheMapState() {
        h.tasks.on(LAMBDA + "Check", (parameters, context) -> {
            if (parameters.asInt() < 0) {
                throw new TaskFailedException("Item.Invalid", "negative: " + parameters.asInt());
            }
            return parameters;
        });
        String arn = h.start("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
              "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%sCheck", "End": true}}},
              "End": true}}}""".formatted(LAMBDA), "[1, -2, 3]");
        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Item.Invalid");
        assertThat(done.cause()).isEqualTo("negative: -2");
        assertThat(h.eventTypes(arn)).contains("MapIterationFailed", "MapStateFailed")
                .doesNotContain("MapStateSucceeded");
        assertThat(h.tasks.callsTo(LAMBDA + "Check")).hasSize(2);
    }

    @Test
    void mapOverAnEmptyArrayAndOverANonArray() {
        assertThat(h.output("""
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""",
                "[]")).isEqualTo(json("[]"));
        ExecutionDescription notArray = h.run("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.x",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""",
                "{\"x\": 1}");
        assertThat(notArray.error()).isEqualTo("States.Runtime");
    }

    @Test
    void nestedMapInsideParallelInsideMap() {
        JsonNode out = h.output("""
            {"StartAt": "Outer", "States": {"Outer": {"Type": "Map", "End": true,
              "ItemProcessor": {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Map", "End": true,
                  "ItemSelector": {"v.$": "States.MathAdd($$.Map.Item.Value, 10)"},
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "OutputPath": "$.v", "End": true}}}}}},
                {"StartAt": "Len", "States": {"Len": {"Type": "Pass",
                  "Parameters": {"n.$": "States.ArrayLength($)"}, "End": true}}}]}}}}}}""", "[[1, 2], [3]]");
        assertThat(out).isEqualTo(json("[[[11, 12], {\"n\": 2}], [[13], {\"n\": 1}]]"));
    }

    @Test
    void executionTimeoutSecondsTimesTheExecutionOut() {
        try (Harness realTime = new Harness(builder -> builder.delayScale(1.0))) {
            String arn = realTime.start("""
                {"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}""",
                    "{}");
            ExecutionDescription done = realTime.service.awaitExecution(arn, Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(done.error()).isEqualTo("States.Timeout");
            assertThat(realTime.eventTypes(arn)).containsExactly("ExecutionStarted", "WaitStateEntered",
                    "ExecutionTimedOut");
        }
    }

    @Test
    void outputsAbove256KiBExceedTheDataLimit() {
        ExecutionDescription done = h.run("""
            {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Result": "%s", "End": true}}}"""
                .formatted("x".repeat(300_000)), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void longLoopsNeitherOverflowTheStackNorStall() {
        JsonNode out = h.output("""
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 2000, "Next": "Done"}],
                        "Default": "Inc"},
              "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
              "Done": {"Type": "Succeed"}}}""", "{\"i\": 0}");
        assertThat(out).isEqualTo(json("{\"i\": 2000}"));
    }

    /** Waits (at most 3 s) until {@code count} reaches {@code target}, so concurrent calls really overlap. */
    static void awaitAtLeast(java.util.function.IntSupplier count, int target) {
        long deadline = System.currentTimeMillis() + 3000;
        while (count.getAsInt() < target && System.currentTimeMillis() < deadline) {
            sleep(5);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode parse(String text) {
        return Json.parse(text);
    }
}
