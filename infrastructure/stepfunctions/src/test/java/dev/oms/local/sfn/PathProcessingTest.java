package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath, and the context object. */
class PathProcessingTest {
    private static final String TASK = "arn:aws:states:::lambda:invoke";
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void appliesTheFieldsInTheirOrder() {
        h.tasks.on(TASK, (parameters, context) -> json("""
            {"Payload": {"echo": %s, "extra": "dropped"}, "StatusCode": 200}""".formatted(parameters)));
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "InputPath": "$.order",
              "Parameters": {"FunctionName": "Price", "Payload": {"id.$": "$.id", "lines.$": "$.lines[*].sku"}},
              "ResultSelector": {"priced.$": "$.Payload.echo.Payload", "status.$": "$.StatusCode"},
              "ResultPath": "$.order.pricing",
              "OutputPath": "$.order",
              "End": true}}}""".formatted(TASK),
                "{\"order\": {\"id\": \"o1\", \"lines\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}, \"trace\": \"t\"}");

        assertThat(h.tasks.calls()).singleElement().satisfies(call -> assertThat(call.parameters()).isEqualTo(json(
                "{\"FunctionName\": \"Price\", \"Payload\": {\"id\": \"o1\", \"lines\": [\"A\", \"B\"]}}")));
        assertThat(out).isEqualTo(json("""
            {"id": "o1", "lines": [{"sku": "A"}, {"sku": "B"}],
             "pricing": {"priced": {"id": "o1", "lines": ["A", "B"]}, "status": 200}}"""));
    }

    @Test
    void resultPathNullKeepsTheRawInputAndNullPathsGiveEmptyObjects() {
        h.tasks.returning(TASK, "{\"ignored\": true}");
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s", "ResultPath": null, "Next": "Empty"},
              "Empty": {"Type": "Pass", "InputPath": null, "ResultPath": "$.empty", "Next": "Out"},
              "Out": {"Type": "Pass", "OutputPath": null, "End": true}}}""".formatted(TASK), "{\"a\": 1}");
        assertThat(out).isEqualTo(json("{}"));
        assertThat(h.tasks.calls().get(0).parameters()).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void resultPathMergesIntoNestedObjects() {
        h.tasks.returning(TASK, "{\"ok\": true}");
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "ResultPath": "$.a.b.c",
              "End": true}}}""".formatted(TASK), "{\"a\": {\"keep\": 1}, \"z\": 0}");
        assertThat(out).isEqualTo(json("{\"a\": {\"keep\": 1, \"b\": {\"c\": {\"ok\": true}}}, \"z\": 0}"));
    }

    @Test
    void resultPathIntoAScalarInputIsAResultPathMatchFailure() {
        h.tasks.returning(TASK, "1");
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "ResultPath": "$.x",
              "End": true}}}""".formatted(TASK), "\"just a string\"");
        assertThat(done.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void aMissingInputPathIsARuntimeErrorThatCannotBeCaught() {
        h.tasks.returning(TASK, "1");
        ExecutionDescription done = h.run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "InputPath": "$.missing",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Succeed"}}}""".formatted(TASK), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(h.tasks.calls()).isEmpty();
    }

    @Test
    void aMissingParameterPathIsAParameterPathFailureThatCanBeCaught() {
        JsonNode out = h.output("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "Parameters": {"x.$": "$.nope"},
              "Catch": [{"ErrorEquals": ["States.ParameterPathFailure"], "ResultPath": "$.error", "Next": "Caught"}],
              "End": true}, "Caught": {"Type": "Pass", "OutputPath": "$.error.Error", "End": true}}}""".formatted(TASK),
                "{}");
        assertThat(out.asText()).isEqualTo("States.ParameterPathFailure");
    }

    @Test
    void theContextObjectHasExecutionStateAndStateMachine() {
        h.tasks.echoing("arn:aws:states:::sqs:sendMessage");
        String machine = h.machine("""
            {"StartAt": "Ctx", "States": {"Ctx": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"executionId.$": "$$.Execution.Id", "executionName.$": "$$.Execution.Name",
                             "executionInput.$": "$$.Execution.Input", "startTime.$": "$$.Execution.StartTime",
                             "roleArn.$": "$$.Execution.RoleArn",
                             "stateName.$": "$$.State.Name", "enteredTime.$": "$$.State.EnteredTime",
                             "retryCount.$": "$$.State.RetryCount",
                             "machineId.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name"},
              "End": true}}}""");
        String arn = h.service.startExecution(machine, "ctx-run", "{\"in\": 1}").executionArn();
        ExecutionDescription done = h.service.awaitExecution(arn, Harness.WAIT);
        JsonNode out = json(done.output());
        assertThat(out.get("executionId").asText()).isEqualTo(arn);
        assertThat(out.get("executionName").asText()).isEqualTo("ctx-run");
        assertThat(out.get("executionInput")).isEqualTo(json("{\"in\": 1}"));
        assertThat(out.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(out.get("roleArn").asText()).isEqualTo(Harness.ROLE);
        assertThat(out.get("stateName").asText()).isEqualTo("Ctx");
        assertThat(out.get("enteredTime").asText()).matches("\\d{4}-.*Z");
        assertThat(out.get("retryCount").asInt()).isZero();
        assertThat(out.get("machineId").asText()).isEqualTo(machine);
        assertThat(out.get("machineName").asText()).isEqualTo(machine.substring(machine.lastIndexOf(':') + 1));
        ScriptedTasks.Call call = h.tasks.calls().get(0);
        assertThat(call.context().executionArn()).isEqualTo(arn);
        assertThat(call.context().stateName()).isEqualTo("Ctx");
        assertThat(call.context().taskToken()).isNull();
        List<HistoryEvent> events = h.history(arn);
        assertThat(events).extracting(HistoryEvent::type).containsExactly("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        HistoryEvent scheduled = events.get(2);
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("sqs");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("sendMessage");
        assertThat(scheduled.details().get("region").asText()).isEqualTo("us-east-1");
        assertThat(json(scheduled.details().get("parameters").asText()).get("stateName").asText()).isEqualTo("Ctx");
    }

    @Test
    void resourceStringsReachTheInvokerUnchanged() {
        List<String> resources = List.of("arn:aws:lambda:us-east-1:000000000000:function:Name",
                "arn:aws:lambda:us-east-1:000000000000:function:Name:live", "arn:aws:states:::lambda:invoke",
                "arn:aws:states:::events:putEvents", "arn:aws:states:::aws-sdk:dynamodb:getItem");
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < resources.size(); i++) {
            h.tasks.returning(resources.get(i), "{}");
            states.append("\"S").append(i).append("\": {\"Type\": \"Task\", \"Resource\": \"").append(resources.get(i))
                    .append("\", ").append(i + 1 < resources.size() ? "\"Next\": \"S" + (i + 1) + "\"" : "\"End\": true")
                    .append("},");
        }
        h.output("{\"StartAt\": \"S0\", \"States\": {" + states.substring(0, states.length() - 1) + "}}", "{}");
        assertThat(h.tasks.calls()).extracting(ScriptedTasks.Call::resource).containsExactlyElementsOf(resources);
    }
}
