package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.events.OrderEventDetail;
import dev.oms.platform.observability.Observability;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts the edit-order saga for {@code order.edit_settlement_requested} (EventBridge rule target), named
 * {@code edit-<order>-<edit>} so a duplicate event starts nothing twice; then deletes the start's guard (a guard left
 * behind is found by the {@link SagaSweeper}, which starts the saga again under the same name).
 */
public final class EditSagaStarter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public EditSagaStarter() { this(AwsClients.stepFunctions(), Env.required("EDIT_ORDER_STATE_MACHINE_ARN")); }

    EditSagaStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        SagaStarts.Start start = new SagaStarts(null, null, null, stateMachineArn).plan(e);
        if (start == null) throw new IllegalArgumentException("EditSagaStarter cannot start anything for " + event.get("detail-type"));
        String arn = SagaStarter.startOnce(sfn, start.stateMachineArn(), start.name(), start.input());
        Guards.confirm(e.tenantId(), start.subjectId());
        Observability.log().info("edit-order saga {} for {}", arn, start.subjectId());
        return Map.of("execution_arn", arn, "name", start.name());
    }
}
