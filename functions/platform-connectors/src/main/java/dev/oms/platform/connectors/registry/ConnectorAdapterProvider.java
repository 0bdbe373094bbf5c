package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.connector.registry.LabelPurchases;
import dev.oms.app.connector.registry.NotificationSuppressions;
import dev.oms.app.port.DocumentStorage;
import java.time.Clock;
import java.util.function.Supplier;
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
                       Supplier<DocumentStorage> documents, NotificationSuppressions suppressions) { }
}
