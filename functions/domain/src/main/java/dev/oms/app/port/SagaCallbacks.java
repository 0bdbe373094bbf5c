package dev.oms.app.port;

import java.util.Map;

/** Completes a saga task that waits for a callback ({@code .waitForTaskToken}): Step Functions' SendTaskSuccess/Failure. */
public interface SagaCallbacks {
    void succeed(String taskToken, Map<String, Object> output);

    void fail(String taskToken, String error, String cause);

    SagaCallbacks NONE = new SagaCallbacks() {
        @Override public void succeed(String taskToken, Map<String, Object> output) { }
        @Override public void fail(String taskToken, String error, String cause) { }
    };
}
