package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import java.time.Clock;
import java.util.Set;

/**
 * Builds the adapters of one vendor ({@code stripe}, ...). Providers are found with {@link java.util.ServiceLoader}, so
 * a function carries a vendor's SDK only when its jar includes the module that provides it
 * ({@code functions/platform-connectors-vendors}).
 */
public interface ConnectorAdapterProvider {
    /** The adapter's name in the registry. */
    String adapter();

    Set<ConnectorPort> ports();

    /** An adapter for the tenant's configuration, implementing the port's interface (such as {@code PaymentGateway}). */
    Object create(ConnectorPort port, ConnectorConfig config, Environment environment);

    /**
     * What adapters get from the function: secrets, the clock, whether http://localhost URLs are allowed, where
     * label purchases are recorded before they are made, and where vendor documents (labels) are archived.
     */
    record Environment(ConnectorSecrets secrets, Clock clock, boolean allowLocalhost, LabelPurchases labelPurchases,
                       dev.oms.app.port.DocumentStorage documents, NotificationSuppressions suppressions) { }
}
