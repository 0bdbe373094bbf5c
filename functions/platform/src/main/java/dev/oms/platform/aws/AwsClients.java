package dev.oms.platform.aws;

import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.CapacityMeter;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients, each built once per container on first use (cold paths pay only for the clients they touch).
 * They honour the SDK's standard settings, including the endpoint overrides ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, ... or the {@code aws.endpointUrl*} system properties), so the same code talks
 * to AWS, to LocalStack or to the local runtime. {@code OMS_S3_PATH_STYLE=true} selects path-style S3 addressing,
 * which local S3 servers need.
 */
public final class AwsClients {
    private static final Lazy<DynamoDbClient> DYNAMO = new Lazy<>(() -> DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(CapacityMeter.INTERCEPTOR).build())
            .build());
    private static final Lazy<DynamoDbEnhancedClient> ENHANCED = new Lazy<>(() -> DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO.get()).build());
    private static final Lazy<EventBridgeClient> EVENTS = new Lazy<>(() -> EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    private static final Lazy<SfnClient> SFN = new Lazy<>(() -> SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    private static final Lazy<SqsClient> SQS = new Lazy<>(() -> SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    private static final Lazy<SnsClient> SNS = new Lazy<>(() -> SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    private static final Lazy<S3Client> S3 = new Lazy<>(() -> S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
            .serviceConfiguration(s3Configuration()).build());
    private static final Lazy<S3Presigner> PRESIGNER = new Lazy<>(() -> S3Presigner.builder().serviceConfiguration(s3Configuration()).build());

    private AwsClients() { }

    public static DynamoDbClient dynamo() { return DYNAMO.get(); }

    public static DynamoDbEnhancedClient enhanced() { return ENHANCED.get(); }

    public static EventBridgeClient eventBridge() { return EVENTS.get(); }

    public static SfnClient stepFunctions() { return SFN.get(); }

    public static SqsClient sqs() { return SQS.get(); }

    public static SnsClient sns() { return SNS.get(); }

    public static S3Client s3() { return S3.get(); }

    public static S3Presigner s3Presigner() { return PRESIGNER.get(); }

    private static S3Configuration s3Configuration() {
        return S3Configuration.builder().pathStyleAccessEnabled("true".equals(Env.get("OMS_S3_PATH_STYLE", "false"))).build();
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
