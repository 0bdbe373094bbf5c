package dev.oms.workflows;

import static dev.oms.workflows.CancelOrderTasks.text;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.ReturnSaga;
import dev.oms.platform.Platform;
import dev.oms.domain.DomainException;
import dev.oms.platform.labels.ReturnLabels;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task states of the return-order saga ({@code statemachines/return-order.asl.json}). The input names the
 * {@code action} and the return: {@code {"action": "refund", "tenant_id": "...", "return_id": "..."}}; the waits
 * ({@code action: await}) also get {@code awaiting} and {@code task_token}, and {@code park} gets {@code failed_step}
 * and {@code failure}. A wait whose event already happened completes its own token at once; otherwise
 * {@link ReturnSagaEvents} completes it when the event arrives. The start issues the label of a return by carrier.
 * Errors propagate as Lambda errors named after the exception class, so the state machine retries
 * {@code dev.oms.app.connector.ConnectorException} (transient).
 */
public final class ReturnOrderTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReturnSaga saga;
    private final ReturnLabels labels;

    public ReturnOrderTasks() { this(Platform.get().returnSaga, Platform.get().returnLabels); }

    ReturnOrderTasks(ReturnSaga saga, ReturnLabels labels) {
        this.saga = saga;
        this.labels = labels;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = text(input, "action");
        String tenant = text(input, "tenant_id");
        String ret = text(input, "return_id");
        Map<String, Object> result = switch (action) {
            case "start" -> start(tenant, ret);
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
        return Map.of("awaiting", awaiting, "status", saga.await(tenant, ret, awaiting, token).status());
    }

    /**
     * Notes the start and, for a return by carrier, issues its label. A label the carrier refuses does not stop the
     * return: the step is journaled and the customer can ask for the label again.
     */
    private Map<String, Object> start(String tenant, String ret) {
        Map<String, Object> out = new LinkedHashMap<>(saga.start(tenant, ret));
        if (!"ship".equals(out.get("return_method"))) return out;
        try {
            var issued = labels.issue(ReturnSaga.context(tenant), ret);
            out.put("tracking_number", issued.result().ret().label().trackingNumber());
        } catch (DomainException refused) {
            saga.journal(tenant, ret, "label.failed", Map.of("failure", refused.getMessage()));
            out.put("label_failure", refused.getMessage());
        }
        return out;
    }
}
