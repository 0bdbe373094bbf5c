package dev.oms.platform.connectors.stripe;

import com.stripe.StripeClient;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import java.util.Set;

/**
 * The {@code stripe} adapter of the payments port. Settings: {@code api_base} (default {@code https://api.stripe.com};
 * an http://localhost base only where {@code CONNECTOR_ALLOW_LOCALHOST} is set), {@code multicapture}
 * ({@code true}: partial captures keep the rest authorized, Stripe's multicapture must be enabled on the account),
 * {@code timeout_ms} (default 10000), {@code max_network_retries} (default 2); secret {@code api_key}.
 */
public final class StripeAdapterProvider implements ConnectorAdapterProvider {
    public static final String DEFAULT_API_BASE = "https://api.stripe.com";

    @Override
    public String adapter() { return "stripe"; }

    @Override
    public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.PAYMENTS); }

    @Override
    public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
        String base = config.setting("api_base", DEFAULT_API_BASE);
        dev.oms.platform.connectors.vendors.VendorUrls.check("payments", base, environment.allowLocalhost());
        int timeout = Integer.parseInt(config.setting("timeout_ms", "10000"));
        StripeClient client = StripeClient.builder()
                .setApiKey(environment.secrets().get(config.secrets().get("api_key")))
                .setApiBase(base)
                .setConnectTimeout(Math.min(timeout, 5000))
                .setReadTimeout(timeout)
                .setMaxNetworkRetries(Integer.parseInt(config.setting("max_network_retries", "2")))
                .build();
        return new StripePayments(client, "true".equals(config.setting("multicapture", "false")));
    }
}
