package dev.oms.app.connector.registry;

import java.time.Instant;
import java.util.Map;

/**
 * The registry's choice for one tenant and port: which adapter, its plain settings (such as an API base URL or a
 * sender address) and its secrets, by reference only ({@code ssm:/oms/acme/stripe-key}, never the secret itself).
 * {@code version} starts at 1 and grows with each change.
 */
public record ConnectorConfig(String tenantId, ConnectorPort port, String adapter, Map<String, String> settings,
                              Map<String, String> secrets, long version, Instant updatedAt, String updatedBy) {
    public ConnectorConfig {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    /** What a tenant without a registry entry gets: the sandbox, version 0. */
    public static ConnectorConfig sandbox(String tenantId, ConnectorPort port) {
        return new ConnectorConfig(tenantId, port, ConnectorPort.SANDBOX, Map.of(), Map.of(), 0, null, null);
    }

    public String setting(String name, String fallback) { return settings.getOrDefault(name, fallback); }
}
