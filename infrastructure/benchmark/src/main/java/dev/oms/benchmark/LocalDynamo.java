package dev.oms.benchmark;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.oms.platform.template.SamTemplate;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** DynamoDB Local, in memory, in this JVM, on a free port. */
final class LocalDynamo implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    private LocalDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A port nobody listens on now, to {@link #start(int)} on. */
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static LocalDynamo start(int port) throws Exception {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-port", Integer.toString(port), "-sharedDb", "-inMemory", "-disableTelemetry"});
        server.start();
        return new LocalDynamo(server, port);
    }

    static String endpoint(int port) { return "http://127.0.0.1:" + port; }

    String endpoint() { return endpoint(port); }

    /** Creates the template's table {@code logicalId} under the same name: keys, GSIs and stream as declared. */
    @SuppressWarnings("unchecked")
    void createTable(SamTemplate template, String logicalId) {
        Map<String, Object> props = template.resourcesOfType("AWS::DynamoDB::Table").get(logicalId);
        if (props == null) throw new IllegalArgumentException("The template has no AWS::DynamoDB::Table " + logicalId);
        List<AttributeDefinition> attributes = ((List<Map<String, String>>) props.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder().attributeName(a.get("AttributeName")).attributeType(a.get("AttributeType")).build())
                .toList();
        List<GlobalSecondaryIndex> indexes = ((List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of())).stream()
                .map(g -> GlobalSecondaryIndex.builder().indexName((String) g.get("IndexName"))
                        .keySchema(keys((List<Map<String, String>>) g.get("KeySchema")))
                        .projection(Projection.builder().projectionType((String) ((Map<String, Object>) g.get("Projection")).get("ProjectionType")).build())
                        .build())
                .toList();
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(logicalId)
                .attributeDefinitions(attributes)
                .keySchema(keys((List<Map<String, String>>) props.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        Map<String, Object> stream = (Map<String, Object>) props.get("StreamSpecification");
        if (stream != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(StreamViewType.fromValue((String) stream.get("StreamViewType"))).build());
        }
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            client.createTable(request.build());
        }
    }

    private static List<KeySchemaElement> keys(List<Map<String, String>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(k.get("AttributeName")).keyType(k.get("KeyType")).build()).toList();
    }

    @Override
    public void close() throws Exception { server.stop(); }
}
