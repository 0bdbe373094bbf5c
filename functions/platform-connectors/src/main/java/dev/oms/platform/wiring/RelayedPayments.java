package dev.oms.platform.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.LambdaInvocations;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.registry.PaymentsRelay;

/**
 * For the API function groups whose use cases call the payments port: a tenant's vendor payment adapter (stripe-java
 * stays out of the API jars) is reached through {@code PaymentsFunction} ({@code PAYMENTS_FUNCTION}, the template
 * gives its alias), one synchronous Lambda invocation per call ({@link PaymentsRelay}), on AWS and locally alike. The
 * sandbox is in every jar and is never relayed.
 */
public final class RelayedPayments {
    private RelayedPayments() { }

    /** Sends this function's vendor payment calls to the payments function, when the deployment names one. */
    public static CoreServices attach(CoreServices core) {
        String function = Env.get("PAYMENTS_FUNCTION", null);
        if (function != null && !function.isBlank()) {
            core.connectors.relay(ConnectorPort.PAYMENTS, new PaymentsRelay.Client(request -> invoke(function, request)));
        }
        return core;
    }

    /** One relayed call; an invocation that fails or is refused changed nothing here, like a vendor's 5xx (retry with the same key). */
    static ObjectNode invoke(String function, ObjectNode request) {
        String operation = request.path("operation").asText();
        try {
            var answer = LambdaInvocations.invoke(function, request);
            if (!answer.isObject()) throw new ConnectorException("payments", operation, "the payments function answered no object");
            return (ObjectNode) answer;
        } catch (LambdaInvocations.FunctionError | AwsJsonRequests.AwsError e) {
            throw new ConnectorException("payments", operation, "the payments function could not answer (" + e.getMessage() + ")");
        }
    }
}
