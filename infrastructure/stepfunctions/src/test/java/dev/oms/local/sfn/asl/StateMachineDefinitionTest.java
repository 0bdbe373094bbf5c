package dev.oms.local.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineDefinitionTest {

    private static List<String> problems(String definition) {
        try {
            StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            return e.problems();
        }
        throw new AssertionError("expected the definition to be rejected: " + definition);
    }

    @Test
    void parsesEveryStateTypeWithItsFields() throws Exception {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"Comment": "all types", "StartAt": "T", "TimeoutSeconds": 30, "Version": "1.0",
             "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters": {"FunctionName": "F", "Payload": {"token.$": "$$.Task.Token"}},
                    "TimeoutSeconds": 10, "HeartbeatSeconds": 5,
                    "Retry": [{"ErrorEquals": ["A"], "IntervalSeconds": 2, "MaxAttempts": 4, "BackoffRate": 1.5,
                               "MaxDelaySeconds": 7, "JitterStrategy": "FULL"}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "F"}], "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "P"}], "Default": "W"},
              "P": {"Type": "Pass", "Result": {"a": 1}, "ResultPath": null, "Next": "W"},
              "W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "Par"},
              "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Next": "M"},
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                                      "States": {"I": {"Type": "Pass", "End": true}}}, "Next": "S"},
              "S": {"Type": "Succeed"},
              "F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}""");

        assertThat(definition.startAt()).isEqualTo("T");
        assertThat(definition.timeoutSeconds()).isEqualTo(30);
        assertThat(definition.comment()).isEqualTo("all types");
        assertThat(definition.states()).containsOnlyKeys("T", "C", "P", "W", "Par", "M", "S", "F");
        TaskState task = (TaskState) definition.state("T");
        assertThat(task.waitsForTaskToken()).isTrue();
        assertThat(task.timeoutSeconds()).isEqualTo(10);
        assertThat(task.heartbeatSeconds()).isEqualTo(5);
        Retrier retrier = task.retriers().get(0);
        assertThat(retrier.maxAttempts()).isEqualTo(4);
        assertThat(retrier.backoffRate()).isEqualTo(1.5);
        assertThat(retrier.maxDelaySeconds()).isEqualTo(7);
        assertThat(task.catchers().get(0).next()).isEqualTo("F");
        assertThat(definition.state("P").resultPath()).isNull();
        assertThat(((MapState) definition.state("M")).maxConcurrency()).isEqualTo(2);
        assertThat(((ParallelState) definition.state("Par")).branches()).hasSize(1);
        assertThat(definition.state("S").isEnd()).isTrue();
    }

    @Test
    void retrierDefaultsAndBackoff() throws Exception {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:F",
              "Retry": [{"ErrorEquals": ["X"]}, {"ErrorEquals": ["Y"], "IntervalSeconds": 3, "BackoffRate": 3,
                         "MaxDelaySeconds": 20}], "End": true}}}""");
        Retrier defaults = definition.state("T").retriers().get(0);
        assertThat(defaults.intervalSeconds()).isEqualTo(1);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.backoffRate()).isEqualTo(2.0);
        assertThat(defaults.delayBeforeRetry(0).toMillis()).isEqualTo(1000);
        assertThat(defaults.delayBeforeRetry(1).toMillis()).isEqualTo(2000);
        assertThat(defaults.delayBeforeRetry(2).toMillis()).isEqualTo(4000);
        Retrier capped = definition.state("T").retriers().get(1);
        assertThat(capped.delayBeforeRetry(0).toSeconds()).isEqualTo(3);
        assertThat(capped.delayBeforeRetry(1).toSeconds()).isEqualTo(9);
        assertThat(capped.delayBeforeRetry(2).toSeconds()).isEqualTo(20);
    }

    @Test
    void rejectsUnknownStateTypes() {
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}}"""))
                .anyMatch(p -> p.contains("unknown state type 'Sleep'"));
    }

    @Test
    void rejectsDanglingTransitions() {
        List<String> problems = problems("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "Nowhere"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "Gone"}], "Default": "Lost"},
              "C": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:F", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Missing"}]}}}""");
        assertThat(problems).anyMatch(p -> p.contains("'Nowhere'"));
        assertThat(problems).anyMatch(p -> p.contains("'Gone'"));
        assertThat(problems).anyMatch(p -> p.contains("'Lost'"));
        assertThat(problems).anyMatch(p -> p.contains("'Missing'"));
    }

    @Test
    void rejectsMissingStartAtAndUnreachableStates() {
        assertThat(problems("""
            {"StartAt": "X", "States": {"A": {"Type": "Succeed"}}}"""))
                .anyMatch(p -> p.contains("StartAt 'X' is not a state"));
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}"""))
                .anyMatch(p -> p.contains("'Orphan' is not reachable"));
        assertThat(problems("""
            {"States": {"A": {"Type": "Succeed"}}}"""))
                .anyMatch(p -> p.contains("missing required field 'StartAt'"));
    }

    @Test
    void requiresExactlyOneOfNextAndEnd() {
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}"""))
                .anyMatch(p -> p.contains("not both"));
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"""))
                .anyMatch(p -> p.contains("needs Next or \"End\": true"));
    }

    @Test
    void statesAllMustBeAloneAndLast() {
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:F",
              "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": true}}}"""))
                .anyMatch(p -> p.contains("States.ALL must be the last"));
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:F",
              "Catch": [{"ErrorEquals": ["States.ALL", "X"], "Next": "B"}], "End": true}, "B": {"Type": "Succeed"}}}"""))
                .anyMatch(p -> p.contains("States.ALL must appear alone"));
    }

    @Test
    void rejectsBadPathsTemplatesAndIntrinsics() {
        List<String> problems = problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "no-dollar",
              "ResultPath": "$.items[*]",
              "Parameters": {"a.$": 3, "b.$": "plain", "c.$": "States.Nope(1)", "d.$": "States.Format('x'"},
              "End": true}}}""");
        assertThat(problems).anyMatch(p -> p.contains("InputPath must be a JSONPath"));
        assertThat(problems).anyMatch(p -> p.contains("ResultPath must be a reference path"));
        assertThat(problems).anyMatch(p -> p.contains("a.$") && p.contains("path or an intrinsic"));
        assertThat(problems).anyMatch(p -> p.contains("b.$"));
        assertThat(problems).anyMatch(p -> p.contains("unknown intrinsic function States.Nope"));
        assertThat(problems).anyMatch(p -> p.contains("States.Format('x'"));
    }

    @Test
    void rejectsUnknownFieldsAndUnsupportedFeatures() {
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B", "End": true}}}"""))
                .anyMatch(p -> p.contains("unknown field 'Nxt'"));
        assertThat(problems("""
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"""))
                .anyMatch(p -> p.contains("JSONata"));
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}}"""))
                .anyMatch(p -> p.contains("'Assign' is not supported"));
        assertThat(problems("""
            {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "A"}]}}}"""))
                .anyMatch(p -> p.contains("exactly one operator"));
        assertThat(problems("""
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Timestamp": "2024-01-01T00:00:00Z", "End": true}}}"""))
                .anyMatch(p -> p.contains("exactly one of Seconds"));
    }

    @Test
    void validatesNestedGraphsOnTheirOwn() {
        List<String> problems = problems("""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "Outside"}}}]},
             "Outside": {"Type": "Succeed"}}}""");
        assertThat(problems).anyMatch(p -> p.contains("Branches[0]") && p.contains("'Outside'"));
    }

    @Test
    void reportsInvalidJson() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("{not json"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("not valid JSON");
    }
}
