package dev.oms.platform.connectors.vendors;

import dev.oms.app.connector.ConnectorException;
import dev.oms.platform.connectors.registry.ConnectorSecrets;
import dev.oms.platform.connectors.registry.ConnectorSecretsLoader;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Secrets by reference through Powertools parameters, cached {@value #CACHE_SECONDS} seconds:
 * {@code ssm:/path} is an SSM SecureString (decrypted), {@code secretsmanager:name} a Secrets Manager secret's string;
 * {@code env:NAME} goes to the function's environment secrets (local runtime only). Values are never logged: a
 * failure names the reference and the kind of error only. The clients honour {@code AWS_ENDPOINT_URL_SSM} and
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}.
 */
public final class ParameterSecrets implements ConnectorSecrets {
    static final int CACHE_SECONDS = 60;

    private final ConnectorSecrets fallback;
    private final Lazy<SSMProvider> ssm = new Lazy<>(() -> SSMProvider.builder()
            .withClient(SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()).build());
    private final Lazy<SecretsProvider> secretsManager = new Lazy<>(() -> SecretsProvider.builder()
            .withClient(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()).build());

    public ParameterSecrets(ConnectorSecrets fallback) { this.fallback = fallback; }

    @Override
    public String get(String reference) {
        try {
            if (reference.startsWith("ssm:")) {
                return ssm.get().withDecryption().withMaxAge(CACHE_SECONDS, ChronoUnit.SECONDS).get(reference.substring(4));
            }
            if (reference.startsWith("secretsmanager:")) {
                return secretsManager.get().withMaxAge(CACHE_SECONDS, ChronoUnit.SECONDS).get(reference.substring("secretsmanager:".length()));
            }
        } catch (RuntimeException e) {
            throw new ConnectorException("secrets", "read", "the secret " + reference + " could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return fallback.get(reference);
    }

    /** The {@link java.util.ServiceLoader} entry: functions with this module read Secrets Manager and SSM. */
    public static final class Factory implements ConnectorSecretsLoader.ConnectorSecretsFactory {
        @Override
        public ConnectorSecrets create(ConnectorSecrets fallback) { return new ParameterSecrets(fallback); }
    }

    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) { this.make = make; }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = make.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
