package dev.oms.platform.messaging;

import dev.oms.app.port.SagaCallbacks;
import dev.oms.platform.json.Json;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Step Functions' SendTaskSuccess and SendTaskFailure; a task that already ended (timed out, completed) is left alone. */
public final class SfnSagaCallbacks implements SagaCallbacks {
    private final Supplier<SfnClient> sfn;

    public SfnSagaCallbacks(Supplier<SfnClient> sfn) { this.sfn = sfn; }

    @Override
    public void succeed(String taskToken, Map<String, Object> output) {
        try {
            sfn.get().sendTaskSuccess(r -> r.taskToken(taskToken).output(Json.write(Json.valueToTree(output))));
        } catch (TaskTimedOutException ended) {
            // the wait is over already; the saga's compensation looks at the fulfilment
        }
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        try {
            sfn.get().sendTaskFailure(r -> r.taskToken(taskToken).error(error).cause(cause));
        } catch (TaskTimedOutException ended) {
            // nothing waits any more
        }
    }
}
