package dev.oms.platform.connectors.sftp;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import dev.oms.platform.connectors.vendors.VendorUrls;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code sftp} adapter of fulfilment connectors (type {@code ftp}): settings {@code host}, {@code username}
 * (required), {@code port} (22), {@code orders_dir} ({@code orders}), {@code inventory_file}
 * ({@code inventory/inventory.csv}), {@code format} ({@code csv} or {@code edi}), {@code host_key} (the server key's
 * {@code SHA256:} fingerprint; required unless {@code CONNECTOR_ALLOW_LOCALHOST}), {@code timeout_ms} (10000); secret
 * {@code password} or {@code private_key} (an OpenSSH or PEM private key). The host must resolve to public addresses
 * only (localhost where {@code CONNECTOR_ALLOW_LOCALHOST} is set), like the other adapters' URLs.
 */
public final class SftpAdapterProvider implements ConnectorAdapterProvider {
    @Override
    public String adapter() { return "sftp"; }

    @Override
    public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.FULFILLMENT_PROVIDER); }

    @Override
    public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
        String host = config.settings().get("host");
        String user = config.settings().get("username");
        if (host == null || user == null) throw new ConnectorException(port.wireName(), "configure", "sftp needs host and username");
        int portNumber = Integer.parseInt(config.setting("port", "22"));
        VendorUrls.check(port.wireName(), "https://" + host + ":" + portNumber + "/", environment.allowLocalhost());
        String hostKey = config.settings().get("host_key");
        if (hostKey == null && !environment.allowLocalhost()) {
            throw new ConnectorException(port.wireName(), "configure", "sftp needs host_key (the server key's SHA256 fingerprint)");
        }
        String password = config.secrets().containsKey("password") ? environment.secrets().get(config.secrets().get("password")) : null;
        String privateKey = config.secrets().containsKey("private_key") ? environment.secrets().get(config.secrets().get("private_key")) : null;
        SftpSession.Settings settings = new SftpSession.Settings(host, portNumber, user, password, privateKey, hostKey,
                Duration.ofMillis(Long.parseLong(config.setting("timeout_ms", "10000"))));
        return new SftpFulfillmentProvider(new SftpSession(settings), config.setting("orders_dir", "orders"),
                config.setting("inventory_file", "inventory/inventory.csv"), PickListFile.of(config.setting("format", "csv")));
    }
}
