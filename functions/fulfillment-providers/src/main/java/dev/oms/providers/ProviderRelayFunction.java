package dev.oms.providers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.connectors.registry.ProviderRelay;
import dev.oms.platform.json.Json;
import dev.oms.platform.wiring.CoreServices;
import java.util.Map;

/**
 * {@code FulfillmentProvidersFunction}: the fulfilment connector adapters (SFTP file drops, signed HTTP) for the API
 * function that tests connectors, whose jar does not carry the SSH library. Each invocation is one relayed call
 * ({@link ProviderRelay}: dispatch, cancel, availability or probe of a tenant's connector, with its configuration), run
 * through this function's own registry (the vendors' adapters, never a relay: circuit breaker, the connector's call
 * log) and answered with the result or the refusal. It has no route.
 */
public final class ProviderRelayFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Connectors connectors;

    public ProviderRelayFunction() { this(CoreServices.get().vendorConnectors()); }

    ProviderRelayFunction(Connectors connectors) { this.connectors = connectors; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> request, Context context) {
        return Json.toMap(ProviderRelay.serve(Json.valueToTree(request), connectors));
    }
}
