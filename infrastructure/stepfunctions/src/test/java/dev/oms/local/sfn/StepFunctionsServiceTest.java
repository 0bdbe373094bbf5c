package dev.oms.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API operations and their AWS error codes. */
class StepFunctionsServiceTest {
    private static final String PASS = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
    private static final String WAIT = """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";
    private final Harness h = new Harness(builder -> builder.delayScale(1.0));

    @AfterEach
    void close() {
        h.close();
    }

    private static void assertError(Runnable call, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StepFunctionsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(errorCode));
    }

    private void awaitEvent(String executionArn, String type) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!h.eventTypes(executionArn).contains(type)) {
            assertThat(System.currentTimeMillis()).as("waiting for " + type).isLessThan(deadline);
            StateTypesTest.sleep(10);
        }
    }

    @Test
    void createStateMachineIsIdempotentForTheSameDefinition() {
        StateMachineDescription created = h.service.createStateMachine("orders", PASS, Harness.ROLE);
        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:orders");
        assertThat(h.service.createStateMachine("orders", PASS, Harness.ROLE)).isEqualTo(created);
        assertError(() -> h.service.createStateMachine("orders", WAIT, Harness.ROLE), "StateMachineAlreadyExists");
        assertError(() -> h.service.createStateMachine("orders", PASS, "arn:aws:iam::1:role/other"),
                "StateMachineAlreadyExists");
        StateMachineDescription described = h.service.describeStateMachine(created.stateMachineArn());
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.roleArn()).isEqualTo(Harness.ROLE);
        assertThat(described.type()).isEqualTo("STANDARD");
    }

    @Test
    void invalidDefinitionsNamesAndArnsAreRejected() {
        assertError(() -> h.service.createStateMachine("bad", "{\"StartAt\": \"X\", \"States\": {}}", Harness.ROLE),
                "InvalidDefinition");
        assertError(() -> h.service.createStateMachine("has space", PASS, Harness.ROLE), "InvalidName");
        assertError(() -> h.service.createStateMachine("x".repeat(81), PASS, Harness.ROLE), "InvalidName");
        assertError(() -> h.service.describeStateMachine("not-an-arn"), "InvalidArn");
        assertError(() -> h.service.describeStateMachine("arn:aws:states:us-east-1:000000000000:stateMachine:nope"),
                "StateMachineDoesNotExist");
        assertError(() -> h.service.describeExecution("arn:aws:states:us-east-1:000000000000:execution:m:nope"),
                "ExecutionDoesNotExist");
    }

    @Test
    void startExecutionIsIdempotentOnNameWhileRunning() {
        String machine = h.service.createStateMachine("saga", WAIT, Harness.ROLE).stateMachineArn();
        ExecutionDescription first = h.service.startExecution(machine, "order-o1-attempt-1", "{\"order\": \"o1\"}");
        assertThat(first.executionArn())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:saga:order-o1-attempt-1");
        ExecutionDescription again = h.service.startExecution(machine, "order-o1-attempt-1", "{\"order\": \"o1\"}");
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        assertError(() -> h.service.startExecution(machine, "order-o1-attempt-1", "{\"order\": \"o2\"}"),
                "ExecutionAlreadyExists");
        assertThat(h.service.listExecutions(machine, null, null, null).items()).hasSize(1);

        h.service.stopExecution(first.executionArn(), null, null);
        assertError(() -> h.service.startExecution(machine, "order-o1-attempt-1", "{\"order\": \"o1\"}"),
                "ExecutionAlreadyExists");
    }

    @Test
    void startExecutionValidatesItsInput() {
        String machine = h.service.createStateMachine("m", PASS, Harness.ROLE).stateMachineArn();
        assertError(() -> h.service.startExecution(machine, null, "{oops"), "InvalidExecutionInput");
        assertError(() -> h.service.startExecution(machine, "bad/name", "{}"), "InvalidName");
        ExecutionDescription defaults = h.service.startExecution(machine, null, null);
        assertThat(defaults.name()).matches("[0-9a-f-]{36}");
        assertThat(defaults.input()).isEqualTo("{}");
    }

    @Test
    void stopExecutionAbortsARunningExecutionAndIsANoOpAfterwards() {
        String machine = h.service.createStateMachine("waits", WAIT, Harness.ROLE).stateMachineArn();
        String arn = h.service.startExecution(machine, "w1", "{}").executionArn();
        awaitEvent(arn, "WaitStateEntered");
        ExecutionDescription stopped = h.service.stopExecution(arn, "Stop.Requested", "test");
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Stop.Requested");
        ExecutionDescription again = h.service.stopExecution(arn, "Other", "ignored");
        assertThat(again.error()).isEqualTo("Stop.Requested");
        assertThat(again.stopDate()).isEqualTo(stopped.stopDate());
        List<HistoryEvent> history = h.history(arn);
        assertThat(history).extracting(HistoryEvent::type)
                .containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
        assertThat(history.get(2).details().get("error").asText()).isEqualTo("Stop.Requested");
    }

    @Test
    void listExecutionsFiltersByStatusAndPages() {
        String machine = h.service.createStateMachine("mixed", """
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
              {"Variable": "$.wait", "BooleanEquals": true, "Next": "W"},
              {"Variable": "$.fail", "BooleanEquals": true, "Next": "F"}], "Default": "S"},
              "W": {"Type": "Wait", "Seconds": 3600, "End": true},
              "F": {"Type": "Fail", "Error": "E"}, "S": {"Type": "Succeed"}}}""", Harness.ROLE).stateMachineArn();
        List<String> succeeded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            succeeded.add(h.service.startExecution(machine, "ok-" + i, "{\"wait\": false, \"fail\": false}")
                    .executionArn());
        }
        String failed = h.service.startExecution(machine, "failing", "{\"wait\": false, \"fail\": true}")
                .executionArn();
        String running = h.service.startExecution(machine, "waiting", "{\"wait\": true}").executionArn();
        succeeded.forEach(arn -> h.service.awaitExecution(arn, Harness.WAIT));
        h.service.awaitExecution(failed, Harness.WAIT);

        assertThat(h.service.listExecutions(machine, ExecutionStatus.RUNNING, null, null).items())
                .extracting(ExecutionDescription::executionArn).containsExactly(running);
        assertThat(h.service.listExecutions(machine, ExecutionStatus.FAILED, null, null).items())
                .extracting(ExecutionDescription::executionArn).containsExactly(failed);

        Page<ExecutionDescription> first = h.service.listExecutions(machine, ExecutionStatus.SUCCEEDED, 3, null);
        assertThat(first.items()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        Page<ExecutionDescription> second = h.service.listExecutions(machine, ExecutionStatus.SUCCEEDED, 3,
                first.nextToken());
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        List<String> all = new ArrayList<>();
        first.items().forEach(e -> all.add(e.executionArn()));
        second.items().forEach(e -> all.add(e.executionArn()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(succeeded);
        assertThat(h.service.listExecutions(machine, null, null, null).items()).hasSize(7);
    }

    @Test
    void historyPagesAndReverses() {
        String machine = h.service.createStateMachine("three", """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
              "C": {"Type": "Pass", "End": true}}}""", Harness.ROLE).stateMachineArn();
        String arn = h.service.startExecution(machine, "h", "{}").executionArn();
        h.service.awaitExecution(arn, Harness.WAIT);
        Page<HistoryEvent> firstPage = h.service.getExecutionHistory(arn, 5, null, false);
        assertThat(firstPage.items()).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        Page<HistoryEvent> rest = h.service.getExecutionHistory(arn, 5, firstPage.nextToken(), false);
        assertThat(rest.items()).extracting(HistoryEvent::id).containsExactly(6L, 7L, 8L);
        assertThat(rest.nextToken()).isNull();
        assertThat(h.service.getExecutionHistory(arn, 2, null, true).items()).extracting(HistoryEvent::type)
                .containsExactly("ExecutionSucceeded", "PassStateExited");
        assertError(() -> h.service.getExecutionHistory(arn, 2, "%%%", false), "InvalidToken");
    }

    @Test
    void listUpdateAndDeleteStateMachines() {
        h.service.createStateMachine("b-machine", PASS, Harness.ROLE);
        String a = h.service.createStateMachine("a-machine", PASS, Harness.ROLE).stateMachineArn();
        assertThat(h.service.listStateMachines(null, null).items()).extracting(StateMachineDescription::name)
                .containsExactly("a-machine", "b-machine");
        h.service.updateStateMachine(a, WAIT, null);
        assertThat(h.service.describeStateMachine(a).definition()).isEqualTo(WAIT);
        h.service.deleteStateMachine(a);
        assertError(() -> h.service.describeStateMachine(a), "StateMachineDoesNotExist");
        assertThat(h.service.listStateMachines(null, null).items()).hasSize(1);
    }

    @Test
    void runningExecutionsKeepTheDefinitionTheyStartedWith() {
        String machine = h.service.createStateMachine("versioned", """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
              "P": {"Type": "Pass", "Result": "v1", "End": true}}}""", Harness.ROLE).stateMachineArn();
        String arn = h.service.startExecution(machine, "e", "{}").executionArn();
        h.service.updateStateMachine(machine, """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
              "P": {"Type": "Pass", "Result": "v2", "End": true}}}""", null);
        assertThat(h.service.awaitExecution(arn, Harness.WAIT).output()).isEqualTo("\"v1\"");
    }

    @Test
    void substitutionsReplaceKnownPlaceholdersOnly() {
        String text = "{\"Resource\": \"${ReserveFunctionArn}\", \"Other\": \"${Unknown}\", \"Cost\": \"$5\"}";
        Map<String, String> values = Map.of("ReserveFunctionArn",
                "arn:aws:lambda:us-east-1:000000000000:function:Reserve");
        assertThat(Substitutions.apply(text, values)).isEqualTo(
                "{\"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:Reserve\", "
                        + "\"Other\": \"${Unknown}\", \"Cost\": \"$5\"}");
        assertThat(Substitutions.unresolved(text, values)).containsExactly("Unknown");
        assertThat(Substitutions.apply("${A}${A}", Map.of("A", "$1\\"))).isEqualTo("$1\\$1\\");
    }
}
