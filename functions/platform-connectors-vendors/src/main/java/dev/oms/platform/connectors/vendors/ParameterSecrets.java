package dev.oms.platform.connectors.vendors;

import dev.oms.app.connector.ConnectorException;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.connectors.registry.ConnectorSecrets;
import dev.oms.platform.connectors.registry.ConnectorSecretsLoader;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secrets by reference, cached {@value #CACHE_SECONDS} seconds: {@code ssm:/path} is an SSM SecureString (decrypted,
 * {@code GetParameter}), {@code secretsmanager:name} a Secrets Manager secret's string ({@code GetSecretValue});
 * {@code env:NAME} goes to the function's environment secrets (local runtime only). Both reads are signed AWS JSON
 * calls ({@link AwsJsonRequests}: the SDK's signer and credentials, without the two service clients' 5 MiB of model
 * classes in every function that reads a connector's secret), honouring {@code AWS_ENDPOINT_URL_SSM} and
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. Values are never logged: a failure names the reference and the kind of
 * error only.
 */
public final class ParameterSecrets implements ConnectorSecrets {
    static final int CACHE_SECONDS = 60;

    private record Cached(String value, Instant until) { }

    private final ConnectorSecrets fallback;
    private final Function<String, String> ssm;
    private final Function<String, String> secretsManager;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ParameterSecrets(ConnectorSecrets fallback) {
        this(fallback, ParameterSecrets::readParameter, ParameterSecrets::readSecret, Clock.systemUTC());
    }

    ParameterSecrets(ConnectorSecrets fallback, Function<String, String> ssm, Function<String, String> secretsManager, Clock clock) {
        this.fallback = fallback;
        this.ssm = ssm;
        this.secretsManager = secretsManager;
        this.clock = clock;
    }

    @Override
    public String get(String reference) {
        Function<String, String> read;
        String name;
        if (reference.startsWith("ssm:")) {
            read = ssm;
            name = reference.substring(4);
        } else if (reference.startsWith("secretsmanager:")) {
            read = secretsManager;
            name = reference.substring("secretsmanager:".length());
        } else {
            return fallback.get(reference);
        }
        Cached hit = cache.get(reference);
        Instant now = clock.instant();
        if (hit != null && now.isBefore(hit.until())) return hit.value();
        String value;
        try {
            value = read.apply(name);
        } catch (RuntimeException e) {
            String kind = e instanceof AwsJsonRequests.AwsError aws ? aws.type() : e.getClass().getSimpleName();
            throw new ConnectorException("secrets", "read", "the secret " + reference + " could not be read (" + kind + ")");
        }
        cache.put(reference, new Cached(value, now.plusSeconds(CACHE_SECONDS)));
        return value;
    }

    static String readParameter(String name) {
        var answer = AwsJsonRequests.call(AwsJsonRequests.SSM, "GetParameter", Json.object().put("Name", name).put("WithDecryption", true));
        return requireText(answer.path("Parameter").path("Value").asText(null));
    }

    static String readSecret(String name) {
        var answer = AwsJsonRequests.call(AwsJsonRequests.SECRETS_MANAGER, "GetSecretValue", Json.object().put("SecretId", name));
        return requireText(answer.path("SecretString").asText(null));
    }

    private static String requireText(String value) {
        if (value == null) throw new IllegalStateException("no string value");
        return value;
    }

    /** The {@link java.util.ServiceLoader} entry: functions with this module read Secrets Manager and SSM. */
    public static final class Factory implements ConnectorSecretsLoader.ConnectorSecretsFactory {
        @Override
        public ConnectorSecrets create(ConnectorSecrets fallback) { return new ParameterSecrets(fallback); }
    }
}
