package dev.oms.platform.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.LambdaInvocations;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.registry.ProviderRelay;

/**
 * For the API function that tests fulfilment connectors: its calls to a connector (SFTP, signed HTTP; not the sandbox)
 * go to {@code FulfillmentProvidersFunction} ({@code FULFILLMENT_PROVIDERS_FUNCTION}, the template gives its alias), one
 * synchronous Lambda invocation per call ({@link ProviderRelay}), so its jar does not carry the SSH library.
 */
public final class RelayedProviders {
    private RelayedProviders() { }

    /** Sends this function's fulfilment connector calls to the providers function, when the deployment names one. */
    public static CoreServices attach(CoreServices core) {
        String function = Env.get("FULFILLMENT_PROVIDERS_FUNCTION", null);
        if (function != null && !function.isBlank()) {
            core.connectors.relayConnectors(ConnectorPort.FULFILLMENT_PROVIDER,
                    (connectorId, config, operation) -> new ProviderRelay.Client(connectorId, config, operation, request -> invoke(function, request)));
        }
        return core;
    }

    /** One relayed call; an invocation that fails or is refused is answered like a connector that did not answer. */
    static ObjectNode invoke(String function, ObjectNode request) {
        String operation = request.path("logged_as").asText();
        try {
            var answer = LambdaInvocations.invoke(function, request);
            if (!answer.isObject()) throw new ConnectorException("fulfillment_provider", operation, "the providers function answered no object");
            return (ObjectNode) answer;
        } catch (LambdaInvocations.FunctionError | AwsJsonRequests.AwsError e) {
            throw new ConnectorException("fulfillment_provider", operation, "the providers function could not answer (" + e.getMessage() + ")");
        }
    }
}
