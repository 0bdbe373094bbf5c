package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.ConnectorException;

/**
 * Secrets given to the function itself, {@code env:NAME}: an environment variable, else a system property of that
 * name. Only for the local runtime and tests ({@code CONNECTOR_ENV_SECRETS=true}); deployed functions read Secrets
 * Manager and SSM (the vendors module's {@code ParameterSecrets}).
 */
public final class EnvironmentSecrets implements ConnectorSecrets {
    private final boolean enabled;

    public EnvironmentSecrets(boolean enabled) { this.enabled = enabled; }

    @Override
    public String get(String reference) {
        if (!reference.startsWith("env:")) {
            throw new ConnectorException("secrets", "read", "this function cannot read " + scheme(reference) + " secrets (the vendors module is not in it)");
        }
        if (!enabled) throw new ConnectorException("secrets", "read", "env: secrets are refused here (set CONNECTOR_ENV_SECRETS=true only for local use)");
        String name = reference.substring(4);
        String value = System.getenv(name);
        if (value == null) value = System.getProperty(name);
        if (value == null || value.isEmpty()) throw new ConnectorException("secrets", "read", "the secret " + reference + " is not set");
        return value;
    }

    static String scheme(String reference) {
        int colon = reference.indexOf(':');
        return colon < 0 ? "unnamed" : reference.substring(0, colon);
    }
}
