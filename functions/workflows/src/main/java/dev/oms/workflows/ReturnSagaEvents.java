package dev.oms.workflows;

import dev.oms.platform.events.OrderEventDetail;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.ReturnSaga;
import dev.oms.platform.Platform;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.observability.Observability;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The return events the return-order saga listens to (EventBridge rule target). {@code return.created} starts the
 * saga with the execution name {@code return-<order>-<return>}, so a duplicate event starts nothing twice. A receipt,
 * inspection, settlement or cancellation completes the task token the saga left on the return, if its wait is over.
 * How long the saga waits comes from {@code RETURN_RECEIPT_TIMEOUT_SECONDS} (default 30 days),
 * {@code RETURN_INSPECTION_TIMEOUT_SECONDS} (14 days) and {@code RETURN_SETTLEMENT_TIMEOUT_SECONDS} (30 days).
 */
public final class ReturnSagaEvents implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SfnClient sfn;
    private final String stateMachineArn;
    private final ReturnSaga saga;

    public ReturnSagaEvents() {
        this(AwsClients.stepFunctions(), Env.required("RETURN_ORDER_STATE_MACHINE_ARN"), Platform.get().returnSaga);
    }

    ReturnSagaEvents(SfnClient sfn, String stateMachineArn, ReturnSaga saga) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.saga = saga;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e == null || !e.type().startsWith("return.")) {
            throw new IllegalArgumentException("ReturnSagaEvents cannot handle " + event.get("detail-type"));
        }
        String returnId = e.dataText("return_id");
        if (e.type().equals("return.created")) return start(e);
        return Map.of("return_id", returnId, "wait", saga.wake(e.tenantId(), returnId).status());
    }

    private Map<String, Object> start(OrderEventDetail e) {
        SagaStarts.Start start = new SagaStarts(null, null, stateMachineArn).plan(e);
        String arn = SagaStarter.startOnce(sfn, start.stateMachineArn(), start.name(), start.input());
        Guards.confirm(e.tenantId(), start.subjectId());
        Observability.log().info("return-order saga {} for {}", arn, start.subjectId());
        return Map.of("execution_arn", arn, "name", start.name());
    }

    /** At most 80 characters of letters, digits, - and _: the ids are ULIDs with short prefixes, so they fit. */
    static String executionName(String orderId, String returnId) { return SagaStarts.name("return-", orderId, returnId); }
}
