package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.CancellationService;
import dev.oms.platform.Platform;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task states of the cancel-order saga ({@code statemachines/cancel-order.asl.json}). The input names the
 * {@code action} and the order: {@code {"action": "settle_payments", "tenant_id": "...", "order_id": "...",
 * "cancellation_id": "..."}}; compensation also gets {@code failed_step} and {@code failure} ({@code Error},
 * {@code Cause}). Errors propagate as Lambda errors whose type is the exception class, so the state machine retries
 * {@code dev.oms.app.connector.ConnectorException} (transient) and catches everything else into compensation.
 */
public final class CancelOrderTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final CancellationService cancellations;
    private final dev.oms.app.CancellationNotices notices;

    public CancelOrderTasks() { this(Platform.get().cancellations, Platform.get().cancellationNotices); }

    public CancelOrderTasks(CancellationService cancellations, dev.oms.app.CancellationNotices notices) {
        this.cancellations = cancellations;
        this.notices = notices;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = text(input, "action");
        String tenant = text(input, "tenant_id");
        String order = text(input, "order_id");
        String cancellation = text(input, "cancellation_id");
        Map<String, Object> result = switch (action) {
            case "release_reservations" -> cancellations.releaseReservations(tenant, order, cancellation);
            case "cancel_fulfillments" -> cancellations.cancelFulfillments(tenant, order, cancellation);
            case "settle_payments" -> cancellations.settlePayments(tenant, order, cancellation);
            case "restock" -> cancellations.restock(tenant, order, cancellation);
            case "complete" -> cancellations.complete(tenant, order, cancellation);
            case "notify_customer" -> notices.notifyCustomer(tenant, order, cancellation);
            case "compensate" -> cancellations.compensate(tenant, order, cancellation, text(input, "failed_step"), failure(input));
            case "park_for_repair" -> cancellations.parkForRepair(tenant, order, cancellation, text(input, "failed_step"), failure(input));
            default -> throw new IllegalArgumentException("Unknown cancel-order action " + action);
        };
        Observability.log().info("cancel-order {} for {} done", action, order);
        return new LinkedHashMap<>(result);
    }

    static String text(Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) throw new IllegalArgumentException("Missing " + key + " in the task input");
        return v.toString();
    }

    /** The caught error, as {@code Error: Cause}, with the Lambda error JSON in Cause reduced to its message. */
    @SuppressWarnings("unchecked")
    static String failure(Map<String, Object> input) {
        Object f = input.get("failure");
        if (!(f instanceof Map<?, ?> m)) return "unknown failure";
        String error = String.valueOf(m.get("Error"));
        String cause = String.valueOf(m.get("Cause"));
        try {
            var node = dev.oms.platform.json.Json.parse(cause);
            if (node.hasNonNull("errorMessage")) cause = node.get("errorMessage").asText();
        } catch (Exception notJson) {
            // the cause is plain text
        }
        String simple = error.substring(error.lastIndexOf('.') + 1);
        return simple + ": " + cause;
    }
}
