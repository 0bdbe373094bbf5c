package dev.oms.platform.aws;

import dev.oms.platform.dynamo.CapacityMeter;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS clients, built once per container. They honour the SDK's standard settings, including the endpoint
 * overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_DYNAMODB}, or the {@code aws.endpointUrl*} system
 * properties), so the same code talks to AWS, to LocalStack or to the local runtime.
 */
public final class AwsClients {
    private static volatile DynamoDbClient dynamo;
    private static volatile DynamoDbEnhancedClient enhanced;

    private AwsClients() { }

    public static DynamoDbClient dynamo() {
        DynamoDbClient c = dynamo;
        if (c == null) {
            synchronized (AwsClients.class) {
                if (dynamo == null) {
                    dynamo = DynamoDbClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(CapacityMeter.INTERCEPTOR).build())
                            .build();
                }
                c = dynamo;
            }
        }
        return c;
    }

    public static DynamoDbEnhancedClient enhanced() {
        DynamoDbEnhancedClient e = enhanced;
        if (e == null) {
            synchronized (AwsClients.class) {
                if (enhanced == null) enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo()).build();
                e = enhanced;
            }
        }
        return e;
    }
}
