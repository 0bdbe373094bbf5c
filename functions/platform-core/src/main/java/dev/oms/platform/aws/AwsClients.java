package dev.oms.platform.aws;

import dev.oms.platform.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients, each built once per container on first use (cold paths pay only for the clients they touch).
 * They honour the SDK's standard settings, including the endpoint overrides ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, ... or the {@code aws.endpointUrl*} system properties), so the same code talks
 * to AWS, to LocalStack or to the local runtime. {@code OMS_S3_PATH_STYLE=true} selects path-style S3 addressing,
 * which local S3 servers need.
 * <p>Cold start: all clients share one HTTP client (whose TLS context is made on first use), and when the region and
 * the credentials are given directly ({@code aws.region} / {@code AWS_REGION}, {@code aws.accessKeyId} /
 * {@code AWS_ACCESS_KEY_ID}) the clients use them instead of building the SDK's default provider chains (profile
 * files, container and instance metadata). Without them (SnapStart functions get their credentials from the
 * container endpoint) the default chains apply.
 */
public final class AwsClients {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final Lazy<SdkHttpClient> HTTP = new Lazy<>(() -> UrlConnectionHttpClient.create(AwsClients::openConnection));

    private AwsClients() { }

    public static DynamoDbClient dynamo() { return Dynamo.CLIENT; }

    public static EventBridgeClient eventBridge() { return EventBridge.CLIENT; }

    public static SfnClient stepFunctions() { return StepFunctions.CLIENT; }

    public static SqsClient sqs() { return Sqs.CLIENT; }

    public static SnsClient sns() { return Sns.CLIENT; }

    public static S3Client s3() { return S3.CLIENT; }


    // One holder class per service: a client is built when its class is first used, and a function whose jar lacks
    // a service's SDK (each function module declares the services it talks to) never loads it.

    private static final class Dynamo {
        static final DynamoDbClient CLIENT = configure(DynamoDbClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(RequestMeter.INTERCEPTOR)
                        .addExecutionInterceptor(CapacityMeter.INTERCEPTOR).build())
                .build();
    }

    private static final class EventBridge {
        static final EventBridgeClient CLIENT = configure(EventBridgeClient.builder()).build();
    }

    private static final class StepFunctions {
        static final SfnClient CLIENT = configure(SfnClient.builder()).build();
    }

    private static final class Sqs {
        static final SqsClient CLIENT = configure(SqsClient.builder()).build();
    }

    private static final class Sns {
        static final SnsClient CLIENT = configure(SnsClient.builder()).build();
    }

    private static final class S3 {
        static final S3Client CLIENT = configure(S3Client.builder()).serviceConfiguration(s3Configuration()).build();
    }

    private static S3Configuration s3Configuration() {
        return S3Configuration.builder().pathStyleAccessEnabled("true".equals(Env.get("OMS_S3_PATH_STYLE", "false"))).build();
    }

    /** The shared HTTP client of every client in the container. */
    public static SdkHttpClient http() { return HTTP.get(); }

    /**
     * Opens connections as the SDK's default factory does (its default timeouts; proxies from the JVM's
     * {@code http(s).proxyHost} settings), except for TLS: HTTPS connections use the JDK's default context, created
     * at the first HTTPS request, where the SDK's factory builds one (loading the trust store) with the client. On
     * AWS that moves the same work from initialisation to the first call (SnapStart priming does it before the
     * snapshot); a plain-HTTP endpoint such as DynamoDB Local never pays it.
     */
    private static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives a client builder the shared HTTP client, the request meter (off unless enabled) and, when set directly,
     * the region and the credentials.
     */
    public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(HTTP.get());
        builder.overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(RequestMeter.INTERCEPTOR).build());
        Region region = region();
        if (region != null) builder.region(region);
        AwsCredentialsProvider credentials = credentials();
        if (credentials != null) builder.credentialsProvider(credentials);
        return builder;
    }

    /** The region the SDK would find first ({@code aws.region}, then {@code AWS_REGION}), or null for its default chain. */
    static Region region() {
        String region = firstSet(System.getProperty("aws.region"), System.getenv("AWS_REGION"));
        return region == null ? null : Region.of(region);
    }

    /**
     * Credentials given as system properties or environment variables (the first two links of the SDK's default chain),
     * or null to let the SDK build its default chain.
     */
    static AwsCredentialsProvider credentials() {
        if (firstSet(System.getProperty("aws.accessKeyId")) != null && firstSet(System.getProperty("aws.secretAccessKey")) != null) {
            return SystemPropertyCredentialsProvider.create();
        }
        if (firstSet(System.getenv("AWS_ACCESS_KEY_ID")) != null && firstSet(System.getenv("AWS_SECRET_ACCESS_KEY")) != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return null;
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }

    /** A value built once, on first use, safely across threads. */
    static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) { this.factory = factory; }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = factory.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
