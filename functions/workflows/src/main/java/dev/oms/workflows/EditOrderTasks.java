package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.OrderEditSaga;
import dev.oms.platform.Platform;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task states of the edit-order saga ({@code statemachines/edit-order.asl.json}): {@code {"action":
 * "settle_payments", "tenant_id": "...", "order_id": "...", "edit_id": "..."}}; compensation also gets
 * {@code failed_step} and {@code failure}. Errors propagate as Lambda errors named by their exception class, so the
 * state machine retries {@code dev.oms.app.connector.ConnectorException} and catches the rest into compensation.
 */
public final class EditOrderTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final OrderEditSaga saga;

    public EditOrderTasks() { this(Platform.get().orderEditSaga); }

    public EditOrderTasks(OrderEditSaga saga) { this.saga = saga; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = CancelOrderTasks.text(input, "action");
        String tenant = CancelOrderTasks.text(input, "tenant_id");
        String order = CancelOrderTasks.text(input, "order_id");
        String edit = CancelOrderTasks.text(input, "edit_id");
        Map<String, Object> result = switch (action) {
            case "release_reservations" -> saga.releaseReservations(tenant, order, edit);
            case "settle_payments" -> saga.settlePayments(tenant, order, edit);
            case "complete" -> saga.complete(tenant, order, edit);
            case "compensate" -> saga.compensate(tenant, order, edit, CancelOrderTasks.text(input, "failed_step"), CancelOrderTasks.failure(input));
            case "park_for_repair" -> saga.parkForRepair(tenant, order, edit, CancelOrderTasks.text(input, "failed_step"), CancelOrderTasks.failure(input));
            default -> throw new IllegalArgumentException("Unknown edit-order action " + action);
        };
        Observability.log().info("edit-order {} for {} done", action, order);
        return new LinkedHashMap<>(result);
    }
}
