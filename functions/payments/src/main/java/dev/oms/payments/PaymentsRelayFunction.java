package dev.oms.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.connectors.registry.Connectors;
import dev.oms.platform.connectors.registry.PaymentsRelay;
import dev.oms.platform.connectors.registry.RoutedPayments;
import dev.oms.platform.json.Json;
import dev.oms.platform.wiring.CoreServices;
import java.util.Map;

/**
 * {@code PaymentsFunction}: the payments port for the API functions whose jars do not carry the vendors' payment SDKs
 * (stripe-java). Each invocation is one relayed call ({@link PaymentsRelay}: status, order reference, void, capture or
 * refund of a tenant's payment), run through this function's connector registry (the tenant's adapter, circuit
 * breaker, call log, health) and answered with the result or the refusal. The tenant's registry entry is read afresh
 * for each call (one GetItem), so a connector changed through the API is used at once, as in the calling function. Only functions granted
 * {@code lambda:InvokeFunction} on it can call it; it has no route.
 */
public final class PaymentsRelayFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Connectors connectors;
    private final PaymentGateway payments;

    public PaymentsRelayFunction() { this(CoreServices.get().vendorConnectors()); }

    PaymentsRelayFunction(Connectors connectors) {
        this.connectors = connectors;
        this.payments = new RoutedPayments(connectors);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> request, Context context) {
        var json = Json.valueToTree(request);
        String tenant = json.path("tenant_id").asText(null);
        if (tenant != null) connectors.reread(tenant, ConnectorPort.PAYMENTS);
        return Json.toMap(PaymentsRelay.serve(json, payments));
    }
}
