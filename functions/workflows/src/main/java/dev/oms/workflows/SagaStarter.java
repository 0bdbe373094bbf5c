package dev.oms.workflows;

import dev.oms.platform.events.OrderEventDetail;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts a saga for an order event (EventBridge rule target). The execution name is derived from the order and the
 * request ({@code cancel-<order>-<cancellation>}; fulfil-order: {@code fulfil-<order>-<fulfilment>}, see
 * {@link SagaStarts}), so a duplicate event starts nothing twice: Step Functions answers the existing execution for the
 * same name and input. Once Step Functions has the execution, the start's guard is deleted ({@link Guards}); a guard
 * left behind is found by the {@link SagaSweeper}.
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
        OrderEventDetail e = OrderEventDetail.of(event);
        SagaStarts.Start start = new SagaStarts(cancelOrderArn, fulfillOrderArn, null).plan(e);
        if (start == null) throw new IllegalArgumentException("SagaStarter cannot start anything for " + event.get("detail-type"));
        String arn = startOnce(sfn, start.stateMachineArn(), start.name(), start.input());
        Guards.confirm(e.tenantId(), start.subjectId());
        Observability.log().info("saga {} for {}", arn, e.orderId());
        return Map.of("execution_arn", arn, "name", start.name());
    }

    /** Starts the execution; a second start of the same name answers the execution the first one started. */
    static String startOnce(SfnClient sfn, String stateMachineArn, String name, Map<String, Object> input) {
        try {
            return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(Json.write(Json.valueToTree(input)))).executionArn();
        } catch (ExecutionAlreadyExistsException duplicate) {
            return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        }
    }

    static String executionName(String orderId, String cancellationId) { return SagaStarts.name("cancel-", orderId, cancellationId); }
}
