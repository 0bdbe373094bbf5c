package dev.oms.platform.wiring;

import dev.oms.app.connector.registry.ConnectorPort;
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
            core.connectors.relay(ConnectorPort.PAYMENTS, new PaymentsRelay.Client(
                    request -> RelayInvocations.invoke(function, "payments", request.path("operation").asText(), request)));
        }
        return core;
    }
}
