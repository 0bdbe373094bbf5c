package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.ReturnSaga;
import dev.oms.platform.Platform;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task states of the return-order saga ({@code statemachines/return-order.asl.json}). The input names the
 * {@code action} and the return: {@code {"action": "refund", "tenant_id": "...", "return_id": "..."}}; the waits
 * ({@code action: await}) also get {@code awaiting} and {@code task_token}, and {@code park} gets {@code failed_step}
 * and {@code failure}. A wait whose event already happened completes its own token at once; otherwise
 * {@link ReturnSagaEvents} completes it when the event arrives. Errors propagate as Lambda errors named after the
 * exception class, so the state machine retries {@code dev.oms.app.connector.ConnectorException} (transient).
 */
public final class ReturnOrderTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReturnSaga saga;
    private final TaskCallbacks callbacks;

    public ReturnOrderTasks() { this(Platform.get().returnSaga, new TaskCallbacks(AwsClients.stepFunctions())); }

    ReturnOrderTasks(ReturnSaga saga, TaskCallbacks callbacks) {
        this.saga = saga;
        this.callbacks = callbacks;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Observability.start(context);
        String action = text(input, "action");
        String tenant = text(input, "tenant_id");
        String ret = text(input, "return_id");
        Map<String, Object> result = switch (action) {
            case "start" -> saga.start(tenant, ret);
            case "await" -> await(tenant, ret, text(input, "awaiting"), text(input, "task_token"));
            case "refund" -> saga.settle(tenant, ret, "refund_to_card");
            case "credit" -> saga.settle(tenant, ret, "store_credit");
            case "exchange" -> saga.settle(tenant, ret, "exchange");
            case "restock" -> saga.restock(tenant, ret);
            case "close" -> saga.close(tenant, ret);
            case "expire" -> saga.expire(tenant, ret);
            case "park" -> saga.park(tenant, ret, text(input, "failed_step"), CancelOrderTasks.failure(input));
            default -> throw new IllegalArgumentException("Unknown return-order action " + action);
        };
        Observability.log().info("return-order {} for {} done", action, ret);
        return new LinkedHashMap<>(result);
    }

    private Map<String, Object> await(String tenant, String ret, String awaiting, String token) {
        ReturnSaga.Wait w = saga.await(tenant, ret, awaiting, token);
        ReturnSagaEvents.complete(callbacks, w);
        return Map.of("awaiting", awaiting, "status", w.status());
    }

    private static String text(Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) throw new IllegalArgumentException("Missing " + key + " in the task input");
        return v.toString();
    }
}
