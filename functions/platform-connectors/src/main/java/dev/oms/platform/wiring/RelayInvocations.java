package dev.oms.platform.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.LambdaInvocations;

/** One relayed connector call as a Lambda invocation; one that fails or is refused is the connector not answering (503). */
final class RelayInvocations {
    private RelayInvocations() { }

    static ObjectNode invoke(String function, String port, String operation, ObjectNode request) {
        try {
            var answer = LambdaInvocations.invoke(function, request);
            if (!answer.isObject()) throw new ConnectorException(port, operation, function + " answered no object");
            return (ObjectNode) answer;
        } catch (LambdaInvocations.FunctionError | AwsJsonRequests.AwsError e) {
            throw new ConnectorException(port, operation, "the relay function could not answer (" + e.getMessage() + ")");
        }
    }
}
