package dev.oms.platform.connectors.http;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code http} adapter (signed-HTTP connector) of the inventory, fraud, billing, fulfilment provider, cart and promotions ports. Settings: {@code base_url}
 * (required; https, or http://localhost where {@code CONNECTOR_ALLOW_LOCALHOST} is set), {@code timeout_ms} (default
 * 5000), {@code max_attempts} (default 3); secret {@code signing_secret} (a {@code whsec_} base64 secret the partner
 * verifies with).
 */
public final class SignedHttpAdapterProvider implements ConnectorAdapterProvider {
    @Override
    public String adapter() { return "http"; }

    @Override
    public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.INVENTORY, ConnectorPort.FRAUD, ConnectorPort.BILLING, ConnectorPort.FULFILLMENT_PROVIDER,
            ConnectorPort.CART, ConnectorPort.PROMOTIONS); }

    @Override
    public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
        String base = config.settings().get("base_url");
        if (base == null) throw new ConnectorException(port.wireName(), "configure", "http needs base_url");
        dev.oms.platform.connectors.vendors.VendorUrls.check(port.wireName(), base, environment.allowLocalhost());
        SignedHttpClient client = new SignedHttpClient(port.wireName(), base, environment.secrets().get(config.secrets().get("signing_secret")),
                Duration.ofMillis(Long.parseLong(config.setting("timeout_ms", "5000"))), Integer.parseInt(config.setting("max_attempts", "3")),
                environment.clock());
        return switch (port) {
            case INVENTORY -> new HttpInventory(client);
            case FRAUD -> new HttpFraud(client);
            case BILLING -> new HttpBilling(client, environment.documents().get());
            case FULFILLMENT_PROVIDER -> new HttpFulfillmentProvider(client);
            case CART -> new HttpCart(client);
            case PROMOTIONS -> new HttpPromotions(client);
            default -> throw new ConnectorException(port.wireName(), "configure", "http does not serve " + port.wireName());
        };
    }
}
