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
 * Starts the gdpr-erasure workflow for {@code customer.erasure_requested} (EventBridge rule target), named
 * {@code erase-<request>} so a duplicate event starts nothing twice; then deletes the start's guard (a guard left
 * behind is found by the {@link SagaSweeper}, which starts it again under the same name).
 */
public final class ErasureStarter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public ErasureStarter() { this(AwsClients.stepFunctions(), Env.required("GDPR_ERASURE_STATE_MACHINE_ARN")); }

    ErasureStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        SagaStarts.Start start = new SagaStarts(null, null, null, null, stateMachineArn).plan(e);
        if (start == null) throw new IllegalArgumentException("ErasureStarter cannot start anything for " + event.get("detail-type"));
        String arn = SagaStarter.startOnce(sfn, start.stateMachineArn(), start.name(), start.input());
        Guards.confirm(e.tenantId(), start.subjectId());
        Observability.log().info("gdpr-erasure {} for {}", arn, start.subjectId());
        return Map.of("execution_arn", arn, "name", start.name());
    }
}
