package dev.oms.platform.connectors.registry;

/**
 * Reads a secret by its reference ({@code ssm:/...}, {@code secretsmanager:...} or {@code env:NAME}). Implementations
 * cache briefly and never log values. Throws {@link dev.oms.app.connector.ConnectorException} when it cannot.
 */
public interface ConnectorSecrets {
    String get(String reference);
}
