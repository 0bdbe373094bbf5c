package dev.oms.platform.wiring;

import dev.oms.app.connector.registry.ConnectorPort;
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
                    (connectorId, config, operation) -> new ProviderRelay.Client(connectorId, config, operation, request -> RelayInvocations.invoke(function, "fulfillment_provider", operation, request)));
        }
        return core;
    }
}
