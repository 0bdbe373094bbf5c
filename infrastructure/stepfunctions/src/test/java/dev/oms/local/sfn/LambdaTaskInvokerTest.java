package dev.oms.local.sfn;

import static dev.oms.local.sfn.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaTaskInvokerTest {
    private final List<String> called = new ArrayList<>();
    private final LambdaTaskInvoker invoker = new LambdaTaskInvoker((name, payload, context) -> {
        called.add(name + " " + payload);
        if (name.equals("Broken")) {
            throw LambdaTaskInvoker.functionError(new IllegalArgumentException("bad order"));
        }
        return json("{\"handled\": \"" + name + "\"}");
    });
    private final TaskContext plain = new TaskContext("arn:e", "e", "arn:m", "S", null, 0, 0, json("{}"));
    private final TaskContext callback = new TaskContext("arn:e", "e", "arn:m", "S", "tok", 0, 0, json("{}"));

    @Test
    void plainLambdaArnsPassTheInputAndReturnTheResult() throws Exception {
        JsonNode result = invoker.invoke("arn:aws:lambda:us-east-1:000000000000:function:Reserve:live",
                json("{\"a\": 1}"), plain);
        assertThat(result).isEqualTo(json("{\"handled\": \"Reserve\"}"));
        assertThat(called).containsExactly("Reserve {\"a\":1}");
    }

    @Test
    void lambdaInvokeWrapsThePayload() throws Exception {
        JsonNode result = invoker.invoke("arn:aws:states:::lambda:invoke", json("""
            {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:Price", "Payload": {"id": "o1"}}"""),
                plain);
        assertThat(result).isEqualTo(json(
                "{\"ExecutedVersion\": \"$LATEST\", \"Payload\": {\"handled\": \"Price\"}, \"StatusCode\": 200}"));
        assertThat(called).containsExactly("Price {\"id\":\"o1\"}");
        assertThat(invoker.invoke("arn:aws:states:::lambda:invoke",
                json("{\"FunctionName\": \"Price\", \"InvocationType\": \"Event\"}"), plain))
                .isEqualTo(json("{\"Payload\": \"\", \"StatusCode\": 202}"));
    }

    @Test
    void waitForTaskTokenInvokesTheFunctionWithThePayload() throws Exception {
        invoker.invoke("arn:aws:states:::lambda:invoke.waitForTaskToken",
                json("{\"FunctionName\": \"Notify\", \"Payload\": {\"token\": \"tok\"}}"), callback);
        assertThat(called).containsExactly("Notify {\"token\":\"tok\"}");
    }

    @Test
    void functionErrorsCarryTheJavaErrorType() {
        assertThatThrownBy(() -> invoker.invoke("arn:aws:lambda:us-east-1:000000000000:function:Broken",
                json("{}"), plain))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.error()).isEqualTo("java.lang.IllegalArgumentException");
                    assertThat(json(e.cause()).get("errorMessage").asText()).isEqualTo("bad order");
                });
    }

    @Test
    void otherResourcesGoToTheFallback() {
        assertThatThrownBy(() -> invoker.invoke("arn:aws:states:::sqs:sendMessage", json("{}"), plain))
                .isInstanceOfSatisfying(TaskFailedException.class,
                        e -> assertThat(e.error()).isEqualTo("States.TaskFailed"));
        assertThat(LambdaTaskInvoker.functionName("Reserve")).isEqualTo("Reserve");
        assertThat(LambdaTaskInvoker.functionName("Reserve:live")).isEqualTo("Reserve");
        assertThat(LambdaTaskInvoker.functionName("000000000000:function:Reserve")).isEqualTo("Reserve");
    }
}
