package dev.oms.app.connector.registry;

import java.util.List;
import java.util.Optional;

/** Where the connector choices of each tenant are kept. */
public interface ConnectorRegistry {
    Optional<ConnectorConfig> get(String tenantId, ConnectorPort port);

    List<ConnectorConfig> list(String tenantId);

    /**
     * Writes the choice if the stored one still has {@code config.version() - 1} (no entry for version 1); answers
     * false when another change came first.
     */
    boolean put(ConnectorConfig config);
}
