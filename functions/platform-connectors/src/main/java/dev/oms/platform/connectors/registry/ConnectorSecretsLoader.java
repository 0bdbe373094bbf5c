package dev.oms.platform.connectors.registry;

import dev.oms.platform.config.Env;
import java.util.ServiceLoader;

/**
 * The secrets reader of this function: the one a vendors module provides ({@link ConnectorSecretsFactory}, Secrets
 * Manager and SSM through Powertools parameters), else environment secrets only.
 */
public final class ConnectorSecretsLoader {
    private ConnectorSecretsLoader() { }

    public static ConnectorSecrets load() {
        boolean envAllowed = Env.get("CONNECTOR_ENV_SECRETS", "false").equals("true");
        EnvironmentSecrets env = new EnvironmentSecrets(envAllowed);
        for (ConnectorSecretsFactory f : ServiceLoader.load(ConnectorSecretsFactory.class, ConnectorSecretsLoader.class.getClassLoader())) {
            return f.create(env);
        }
        return env;
    }

    /** Provided by a module that reads real secret stores; {@code fallback} answers {@code env:} references. */
    public interface ConnectorSecretsFactory {
        ConnectorSecrets create(ConnectorSecrets fallback);
    }
}
