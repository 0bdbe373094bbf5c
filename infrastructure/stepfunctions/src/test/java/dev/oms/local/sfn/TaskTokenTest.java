package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback pattern (.waitForTaskToken), heartbeats and task timeouts. */
class TaskTokenTest {
    private static final String CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    private final Harness h = new Harness();
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    TaskTokenTest() {
        h.tasks.on(CALLBACK, (parameters, context) -> {
            assertThat(parameters.at("/Payload/token").asText()).isEqualTo(context.taskToken());
            tokens.add(context.taskToken());
            return json("{\"StatusCode\": 202}");
        });
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static String callbackMachine(String extraFields) {
        return """
            {"StartAt": "Await", "States": {"Await": {"Type": "Task", "Resource": "%s",
              "Parameters": {"FunctionName": "Notify", "Payload": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
              "ResultPath": "$.callback", %s "End": true}}}""".formatted(CALLBACK, extraFields);
    }

    private String nextToken() throws InterruptedException {
        String token = tokens.poll(10, TimeUnit.SECONDS);
        assertThat(token).as("the task was invoked with a token").isNotNull();
        return token;
    }

    @Test
    void waitsUntilSendTaskSuccess() throws Exception {
        String arn = h.start(callbackMachine(""), "{\"order\": \"o1\"}");
        String token = nextToken();
        Thread.sleep(200);
        assertThat(h.service.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.service.waitingTaskTokens(arn)).containsExactly(token);

        h.service.sendTaskSuccess(token, "{\"approved\": true}");

        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json("{\"order\": \"o1\", \"callback\": {\"approved\": true}}"));
        assertThat(h.eventTypes(arn)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        HistoryEvent scheduled = h.history(arn).get(2);
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("lambda");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("invoke.waitForTaskToken");
        assertThat(h.service.waitingTaskTokens(arn)).isEmpty();
    }

    @Test
    void sendTaskFailureFailsTheTaskWithItsErrorForCatch() throws Exception {
        String arn = h.start(callbackMachine("""
            "Catch": [{"ErrorEquals": ["Approval.Rejected"], "ResultPath": "$.rejection", "Next": "Rejected"}],""")
                .replace("\"End\": true}}}", "\"End\": true}, \"Rejected\": {\"Type\": \"Succeed\"}}}"),
                "{\"order\": \"o1\"}");
        h.service.sendTaskFailure(nextToken(), "Approval.Rejected", "the agent said no");
        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        assertThat(json(done.output())).isEqualTo(json(
                "{\"order\": \"o1\", \"rejection\": {\"Error\": \"Approval.Rejected\", \"Cause\": \"the agent said no\"}}"));
        assertThat(h.eventTypes(arn)).contains("TaskFailed");
    }

    @Test
    void aCallbackThatArrivesBeforeTheInvokerReturnsIsNotLost() {
        h.tasks.on(CALLBACK, (parameters, context) -> {
            h.service.sendTaskSuccess(context.taskToken(), "\"fast\"");
            return json("{}");
        });
        ExecutionDescription done = h.run(callbackMachine(""), "{\"order\": \"o1\"}");
        assertThat(json(done.output()).get("callback").asText()).isEqualTo("fast");
    }

    @Test
    void heartbeatTimeoutWithoutHeartbeats() throws Exception {
        String arn = h.start(callbackMachine("\"HeartbeatSeconds\": 1,"), "{\"order\": \"o1\"}");
        String token = nextToken();
        ExecutionDescription done = h.service.awaitExecution(arn, Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(h.eventTypes(arn)).contains("TaskTimedOut");
        assertThatThrownBy(() -> h.service.sendTaskSuccess(token, "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("TaskTimedOut"));
    }

    @Test
    void heartbeatsKeepTheTaskAlive() throws Exception {
        String arn = h.start(callbackMachine("\"HeartbeatSeconds\": 1,"), "{\"order\": \"o1\"}");
        String token = nextToken();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(400);
            h.service.sendTaskHeartbeat(token);
        }
        assertThat(h.service.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
        h.service.sendTaskSuccess(token, "{}");
        assertThat(h.service.awaitExecution(arn, Harness.WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void taskTimeoutWhileWaitingForTheToken() throws Exception {
        String arn = h.start(callbackMachine("\"TimeoutSeconds\": 1,"), "{\"order\": \"o1\"}");
        nextToken();
        ExecutionDescription done = h.service.awaitExecution(arn, Duration.ofSeconds(10));
        assertThat(done.error()).isEqualTo("States.Timeout");
        List<HistoryEvent> events = h.history(arn);
        assertThat(events).filteredOn(e -> e.type().equals("TaskTimedOut")).singleElement()
                .satisfies(e -> assertThat(e.details().get("error").asText()).isEqualTo("States.Timeout"));
    }

    @Test
    void timeoutSecondsPathAndARequestResponseTaskTimeoutInterruptsTheInvoker() {
        BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();
        String slow = "arn:aws:lambda:us-east-1:000000000000:function:Slow";
        h.tasks.on(slow, (parameters, context) -> {
            try {
                Thread.sleep(30_000);
                interrupted.add(false);
            } catch (InterruptedException e) {
                interrupted.add(true);
            }
            return json("{}");
        });
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "TimeoutSecondsPath": "$.limit",
              "End": true}}}""".formatted(slow), "{\"limit\": 1}");
        assertThat(done.error()).isEqualTo("States.Timeout");
        assertThat(h.eventTypes(done.executionArn())).contains("LambdaFunctionTimedOut");
        try {
            assertThat(interrupted.poll(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownAndMalformedTokensAreRejected() {
        assertThatThrownBy(() -> h.service.sendTaskSuccess("AQCunknown", "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("TaskDoesNotExist"));
        assertThatThrownBy(() -> h.service.sendTaskHeartbeat(""))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidToken"));
        assertThatThrownBy(() -> h.service.sendTaskFailure("x".repeat(2000), "E", "C"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidToken"));
    }

    @Test
    void invalidOutputJsonIsRejectedAndTheTaskKeepsWaiting() throws Exception {
        String arn = h.start(callbackMachine(""), "{\"order\": \"o1\"}");
        String token = nextToken();
        assertThatThrownBy(() -> h.service.sendTaskSuccess(token, "{not json"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidOutput"));
        assertThat(h.service.waitingTaskTokens(arn)).containsExactly(token);
        h.service.sendTaskSuccess(token, "1");
        assertThat(h.service.awaitExecution(arn, Harness.WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void tokensInsideMapIterationsAreDistinct() throws Exception {
        String arn = h.start("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.orders", "End": true,
              "ItemProcessor": {"StartAt": "Await", "States": {"Await": {"Type": "Task", "Resource": "%s",
                "Parameters": {"FunctionName": "Notify", "Payload": {"token.$": "$$.Task.Token", "order.$": "$"}},
                "End": true}}}}}}""".formatted(CALLBACK), "{\"orders\": [\"a\", \"b\", \"c\"]}");
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(nextToken());
        }
        assertThat(seen).hasSize(3);
        int n = 0;
        for (String token : seen) {
            h.service.sendTaskSuccess(token, String.valueOf(n++));
        }
        JsonNode out = json(h.service.awaitExecution(arn, Harness.WAIT).output());
        assertThat(out.size()).isEqualTo(3);
    }

    @Test
    void stopExecutionAbortsAWaitingTask() throws Exception {
        String arn = h.start(callbackMachine(""), "{\"order\": \"o1\"}");
        String token = nextToken();
        ExecutionDescription stopped = h.service.stopExecution(arn, "Operator.Stop", "no longer needed");
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator.Stop");
        assertThat(stopped.cause()).isEqualTo("no longer needed");
        assertThat(stopped.stopDate()).isNotNull();
        assertThat(h.eventTypes(arn)).last().isEqualTo("ExecutionAborted");
        assertThatThrownBy(() -> h.service.sendTaskSuccess(token, "{}"))
                .isInstanceOf(StepFunctionsException.class);
        Thread.sleep(200);
        assertThat(h.service.describeExecution(arn).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.eventTypes(arn)).last().isEqualTo("ExecutionAborted");
    }
}
