package dev.oms.workflows;

import dev.oms.platform.events.OrderEventDetail;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts a saga for an order event (EventBridge rule target). The execution name is derived from the order and the
 * request ({@code cancel-<order>-<cancellation>}), so a duplicate event starts nothing twice: Step Functions answers
 * the existing execution for the same name and input.
 */
public final class SagaStarter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SfnClient sfn;
    private final String cancelOrderArn;
    private final String fulfillOrderArn;

    public SagaStarter() {
        this(AwsClients.stepFunctions(), Env.get("CANCEL_ORDER_STATE_MACHINE_ARN", null), Env.get("FULFILL_ORDER_STATE_MACHINE_ARN", null));
    }

    public SagaStarter(SfnClient sfn, String cancelOrderArn) { this(sfn, cancelOrderArn, null); }

    public SagaStarter(SfnClient sfn, String cancelOrderArn, String fulfillOrderArn) {
        this.sfn = sfn;
        this.cancelOrderArn = cancelOrderArn;
        this.fulfillOrderArn = fulfillOrderArn;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Observability.start(context);
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e != null && "fulfillment.requested".equals(e.type()) && fulfillOrderArn != null) {
            return FulfillOrderStart.start(sfn, fulfillOrderArn, e);
        }
        if (e == null || !"order.cancellation_requested".equals(e.type()) || cancelOrderArn == null) {
            throw new IllegalArgumentException("SagaStarter cannot start anything for " + event.get("detail-type"));
        }
        Map<String, Object> data = e.data();
        String orderId = e.orderId();
        String cancellationId = e.dataText("cancellation_id");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", orderId);
        input.put("cancellation_id", cancellationId);
        input.put("scope", data.get("scope"));
        input.put("refund", data.get("refund"));
        input.put("restock", data.get("restock"));
        input.put("correlation_id", e.correlationId());
        String name = executionName(orderId, cancellationId);
        String arn = startOnce(sfn, cancelOrderArn, name, input);
        Observability.log().info("cancel-order saga {} for {}", arn, orderId);
        return Map.of("execution_arn", arn, "name", name);
    }

    /** Starts the execution; a second start of the same name answers the execution the first one started. */
    static String startOnce(SfnClient sfn, String stateMachineArn, String name, Map<String, Object> input) {
        try {
            return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(Json.write(Json.valueToTree(input)))).executionArn();
        } catch (ExecutionAlreadyExistsException duplicate) {
            return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        }
    }

    /** At most 80 characters of letters, digits, - and _: the ids are ULIDs with short prefixes, so they fit. */
    static String executionName(String orderId, String cancellationId) {
        String name = "cancel-" + orderId + "-" + cancellationId;
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
