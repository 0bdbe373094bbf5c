package dev.oms.platform.connectors.vendors;

import dev.oms.app.connector.ConnectorException;
import dev.oms.platform.webhooks.WebhookUrlGuard;

/**
 * Where an adapter may send requests: an https URL whose host resolves only to public addresses (the webhooks' guard,
 * so a tenant's setting cannot point the OMS at its own network), or http://localhost / 127.0.0.1 where
 * {@code CONNECTOR_ALLOW_LOCALHOST} is set (the local runtime's stubs).
 */
public final class VendorUrls {
    private VendorUrls() { }

    public static void check(String port, String url, boolean allowLocalhost) {
        new WebhookUrlGuard(WebhookUrlGuard.DNS, allowLocalhost).check(url).ifPresent(rejection -> {
            throw new ConnectorException(port, "configure", "the adapter's URL is refused (" + rejection.code() + ")");
        });
    }
}
