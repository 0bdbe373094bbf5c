package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.FulfillOrderSteps;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.platform.Platform;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.views.FulfillmentRequests;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.oms.workflows.CancelOrderTasks.text;

/**
 * The task states of the fulfill-order saga ({@code statemachines/fulfill-order.asl.json}). The input names the
 * {@code action}, the order and the fulfilment id chosen with the request, and carries the request as
 * {@code fulfillment.requested} described it; {@code await_shipment} also gets the task token, compensation the
 * caught {@code failure} and whether the reservation was made. Errors propagate as Lambda errors named after the
 * exception class: the machine retries {@code ConnectorException} and catches the rest into compensation.
 */
public final class FulfillOrderTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final FulfillOrderSteps steps;

    public FulfillOrderTasks() { this(Platform.get().fulfillOrder); }

    public FulfillOrderTasks(FulfillOrderSteps steps) { this.steps = steps; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = text(input, "action");
        String tenant = text(input, "tenant_id");
        String order = text(input, "order_id");
        String fulfillment = text(input, "fulfillment_id");
        Map<String, Object> result = switch (action) {
            case "reserve" -> steps.reserve(tenant, order, fulfillment, request(input));
            case "create" -> steps.create(tenant, order, fulfillment, request(input));
            case "await_shipment" -> steps.awaitShipment(tenant, order, fulfillment, text(input, "task_token"));
            case "notify_customer" -> steps.notifyCustomer(tenant, order, fulfillment);
            case "compensate" -> steps.compensate(tenant, order, fulfillment, request(input),
                    Boolean.TRUE.equals(input.get("reserved")), CancelOrderTasks.failure(input));
            default -> throw new IllegalArgumentException("Unknown fulfill-order action " + action);
        };
        Observability.log().info("fulfill-order {} for {} / {} done", action, order, fulfillment);
        return new LinkedHashMap<>(result);
    }

    /** The request as the event carried it, read by the same rules as the endpoint. */
    static FulfillmentRequest request(Map<String, Object> input) {
        Object request = input.get("request");
        if (!(request instanceof Map<?, ?>)) throw new IllegalArgumentException("Missing request in the task input");
        Body b = Body.of(Json.valueToTree(request));
        FulfillmentRequest req = FulfillmentRequests.request(b);
        b.check();
        return req;
    }
}
