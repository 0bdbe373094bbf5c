package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.store.InMemoryExecutionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file-backed service keeps state machines and executions, and resumes running executions after a restart. */
class PersistenceTest {
    private static final String CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    private static final String RESERVE = "arn:aws:lambda:us-east-1:000000000000:function:Reserve";
    private static final String SAGA = """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.step", "Next": "AwaitApproval"},
          "AwaitApproval": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 3600, "TimeoutSeconds": 7200,
            "Parameters": {"FunctionName": "RequestApproval", "Payload": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
            "ResultPath": "$.approval", "Next": "Finish"},
          "Finish": {"Type": "Pass", "Result": "finished", "ResultPath": "$.step", "End": true}}}""".formatted(CALLBACK);

    @TempDir
    Path storeDir;

    private StepFunctionsService service(TaskInvoker invoker) {
        return StepFunctionsService.builder().taskInvoker(invoker).fileStore(storeDir).build();
    }

    private static void awaitEvent(StepFunctionsService service, String arn, String type) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (service.getExecutionHistory(arn, 1000, null, false).items().stream()
                .noneMatch(event -> event.type().equals(type))) {
            assertThat(System.currentTimeMillis()).as("waiting for " + type).isLessThan(deadline);
            StateTypesTest.sleep(10);
        }
    }

    @Test
    void aWaitingTaskTokenExecutionResumesAndCompletesOnTheNewInstance() throws Exception {
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        String executionArn;
        String token;
        try (StepFunctionsService first = service((resource, parameters, context) -> {
            tokens.add(context.taskToken());
            return json("{\"StatusCode\": 202}");
        })) {
            String machine = first.createStateMachine("approval-saga", SAGA, Harness.ROLE).stateMachineArn();
            executionArn = first.startExecution(machine, "order-o1", "{\"order\": \"o1\"}").executionArn();
            token = tokens.poll(10, TimeUnit.SECONDS);
            assertThat(token).isNotNull();
            awaitEvent(first, executionArn, "TaskSubmitted");
            awaitCheckpoint(() -> storedPosition("approval-saga", "order-o1").path("taskToken").isTextual());
        }

        AtomicInteger invocationsAfterRestart = new AtomicInteger();
        try (StepFunctionsService second = service((resource, parameters, context) -> {
            invocationsAfterRestart.incrementAndGet();
            return json("{}");
        })) {
            assertThat(second.describeExecution(executionArn).status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(second.waitingTaskTokens(executionArn)).containsExactly(token);

            second.sendTaskSuccess(token, "{\"approvedBy\": \"agent-7\"}");

            ExecutionDescription done = second.awaitExecution(executionArn, Harness.WAIT);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(json(done.output())).isEqualTo(json(
                    "{\"order\": \"o1\", \"step\": \"finished\", \"approval\": {\"approvedBy\": \"agent-7\"}}"));
            assertThat(invocationsAfterRestart.get()).isZero();
            List<HistoryEvent> history = second.getExecutionHistory(executionArn, 1000, null, false).items();
            assertThat(history).extracting(HistoryEvent::type).containsExactly("ExecutionStarted",
                    "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                    "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited",
                    "ExecutionSucceeded");
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).id()).isEqualTo(i + 1L);
            }
        }

        try (StepFunctionsService third = service(TaskInvoker.none())) {
            assertThat(third.describeExecution(executionArn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(third.listStateMachines(null, null).items()).extracting(StateMachineDescription::name)
                    .containsExactly("approval-saga");
        }
    }

    @Test
    void aTaskThatWasRunningIsInvokedAgainAfterARestart() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        String executionArn;
        try (StepFunctionsService first = service((resource, parameters, context) -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TaskFailedException("Interrupted", "the service went away");
        })) {
            String machine = first.createStateMachine("reserve", """
                {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "%s",
                  "ResultPath": "$.reservation", "End": true}}}""".formatted(RESERVE), Harness.ROLE)
                    .stateMachineArn();
            executionArn = first.startExecution(machine, "r1", "{\"sku\": \"A\"}").executionArn();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        }

        AtomicInteger invocations = new AtomicInteger();
        try (StepFunctionsService second = service((resource, parameters, context) -> {
            invocations.incrementAndGet();
            assertThat(parameters).isEqualTo(json("{\"sku\": \"A\"}"));
            return json("{\"reserved\": true}");
        })) {
            ExecutionDescription done = second.awaitExecution(executionArn, Harness.WAIT);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(json(done.output())).isEqualTo(json("{\"sku\": \"A\", \"reservation\": {\"reserved\": true}}"));
            assertThat(invocations.get()).isEqualTo(1);
            List<String> types = second.getExecutionHistory(executionArn, 1000, null, false).items().stream()
                    .map(HistoryEvent::type).toList();
            assertThat(types.stream().filter("TaskStateEntered"::equals)).hasSize(1);
            assertThat(types.stream().filter("LambdaFunctionScheduled"::equals)).hasSize(2);
            assertThat(types).doesNotContain("LambdaFunctionFailed", "ExecutionFailed");
        }
    }

    @Test
    void aWaitStateWaitsOnlyForWhatIsLeft() throws Exception {
        String executionArn;
        String waitUntilBefore;
        try (StepFunctionsService first = service(TaskInvoker.none())) {
            String machine = first.createStateMachine("pause", """
                {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 2, "End": true}}}""",
                    Harness.ROLE).stateMachineArn();
            executionArn = first.startExecution(machine, "p1", "{}").executionArn();
            awaitEvent(first, executionArn, "WaitStateEntered");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!storedPosition("pause", "p1").path("waitUntil").isTextual()) {
                assertThat(System.currentTimeMillis()).as("waiting for the checkpoint").isLessThan(deadline);
                StateTypesTest.sleep(10);
            }
            waitUntilBefore = storedPosition("pause", "p1").path("waitUntil").asText();
        }
        try (StepFunctionsService second = service(TaskInvoker.none())) {
            assertThat(storedPosition("pause", "p1").path("waitUntil").asText()).isEqualTo(waitUntilBefore);
            ExecutionDescription done = second.awaitExecution(executionArn, Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.stopDate()).isAfterOrEqualTo(java.time.Instant.parse(waitUntilBefore));
            assertThat(second.getExecutionHistory(executionArn, 100, null, false).items())
                    .extracting(HistoryEvent::type)
                    .containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
        }
    }

    @Test
    void filesAreWholeJsonWithNoTemporaryFilesLeft() throws Exception {
        try (StepFunctionsService service = service(TaskInvoker.none())) {
            String machine = service.createStateMachine("simple", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""",
                    Harness.ROLE).stateMachineArn();
            for (int i = 0; i < 5; i++) {
                service.awaitExecution(service.startExecution(machine, "run-" + i, "{}").executionArn(),
                        Harness.WAIT);
            }
        }
        try (Stream<Path> files = Files.walk(storeDir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSize(6);
            assertThat(all).noneMatch(file -> file.getFileName().toString().startsWith(".tmp-"));
            for (Path file : all) {
                assertThat(Json.parse(Files.readString(file)).isObject()).isTrue();
            }
        }
        assertThat(storeDir.resolve("state-machines/simple.json")).exists();
        assertThat(storeDir.resolve("executions/simple/run-0.json")).exists();
    }

    @Test
    void anInMemoryStoreSharedBetweenInstancesAlsoResumes() throws Exception {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        String executionArn;
        try (StepFunctionsService first = StepFunctionsService.builder().store(store)
                .taskInvoker((resource, parameters, context) -> {
                    tokens.add(context.taskToken());
                    return null;
                }).build()) {
            String machine = first.createStateMachine("approval-saga", SAGA, Harness.ROLE).stateMachineArn();
            executionArn = first.startExecution(machine, "o2", "{\"order\": \"o2\"}").executionArn();
            assertThat(tokens.poll(10, TimeUnit.SECONDS)).isNotNull();
            awaitEvent(first, executionArn, "TaskSubmitted");
            awaitCheckpoint(() -> store.loadExecutions().stream().anyMatch(stored -> stored.position() != null
                    && stored.position().taskToken() != null));
        }
        try (StepFunctionsService second = StepFunctionsService.builder().store(store).build()) {
            String token = second.waitingTaskTokens(executionArn).iterator().next();
            second.sendTaskSuccess(token, "true");
            assertThat(second.awaitExecution(executionArn, Harness.WAIT).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    /** Waits for the checkpoint that follows TaskSubmitted (a restart before it invokes the task again). */
    private static void awaitCheckpoint(java.util.concurrent.Callable<Boolean> saved) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!saved.call()) {
            assertThat(System.currentTimeMillis()).as("waiting for the checkpoint").isLessThan(deadline);
            StateTypesTest.sleep(10);
        }
    }

    private JsonNode storedPosition(String machine, String execution) throws IOException {
        return Json.parse(Files.readString(storeDir.resolve("executions/" + machine + "/" + execution + ".json")))
                .path("position");
    }
}
