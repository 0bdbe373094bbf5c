package dev.oms.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.oms.platform.template.SamTemplate;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** DynamoDB Local in this JVM (file-backed under the data directory, or in memory), with the template's tables. */
final class DynamoDbLocal implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static DynamoDbLocal start(Path dataDir, boolean inMemory) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (inMemory) {
            args.add("-inMemory");
        } else {
            Path dir = dataDir.resolve("dynamodb");
            Files.createDirectories(dir);
            args.add("-dbPath");
            args.add(dir.toAbsolutePath().toString());
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new DynamoDbLocal(server, port);
    }

    String endpoint() { return "http://127.0.0.1:" + port; }

    DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates each AWS::DynamoDB::Table of the template (named by its logical id) unless it exists. */
    @SuppressWarnings("unchecked")
    void createTables(SamTemplate template, Map<String, String> physicalNames) {
        try (DynamoDbClient client = client()) {
            java.util.Set<String> existing = new java.util.HashSet<>(client.listTables().tableNames());
            template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, props) -> {
                List<AttributeDefinition> attributes = ((List<Map<String, String>>) props.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.get("AttributeName")).attributeType(a.get("AttributeType")).build()).toList();
                List<GlobalSecondaryIndex> gsis = ((List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of())).stream()
                        .map(g -> GlobalSecondaryIndex.builder().indexName((String) g.get("IndexName"))
                                .keySchema(keys((List<Map<String, String>>) g.get("KeySchema")))
                                .projection(Projection.builder().projectionType((String) ((Map<String, Object>) g.get("Projection")).get("ProjectionType")).build())
                                .build()).toList();
                if (existing.contains(physicalNames.get(id))) { // created on an earlier start of a file-backed runtime
                    addMissingIndexes(client, physicalNames.get(id), attributes, gsis);
                    return;
                }
                CreateTableRequest.Builder req = CreateTableRequest.builder().tableName(physicalNames.get(id))
                        .attributeDefinitions(attributes).keySchema(keys((List<Map<String, String>>) props.get("KeySchema")))
                        .billingMode(BillingMode.PAY_PER_REQUEST);
                if (!gsis.isEmpty()) req.globalSecondaryIndexes(gsis);
                Map<String, Object> stream = (Map<String, Object>) props.get("StreamSpecification");
                if (stream != null) {
                    req.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(StreamViewType.fromValue((String) stream.get("StreamViewType"))).build());
                }
                try {
                    client.createTable(req.build());
                    Map<String, Object> ttl = (Map<String, Object>) props.get("TimeToLiveSpecification");
                    if (ttl != null && Boolean.TRUE.equals(ttl.get("Enabled"))) {
                        client.updateTimeToLive(r -> r.tableName(physicalNames.get(id)).timeToLiveSpecification(
                                TimeToLiveSpecification.builder().attributeName((String) ttl.get("AttributeName")).enabled(true).build()));
                    }
                } catch (ResourceInUseException exists) {
                    // created on an earlier start of a file-backed runtime
                }
            });
        }
    }

    /** Indexes the template gained since a file-backed table was created (GSI4, GSI5 of the lookup), one UpdateTable each. */
    private static void addMissingIndexes(DynamoDbClient client, String table, List<AttributeDefinition> attributes,
                                          List<GlobalSecondaryIndex> gsis) {
        var present = client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription::indexName)
                .collect(java.util.stream.Collectors.toSet());
        for (GlobalSecondaryIndex g : gsis) {
            if (present.contains(g.indexName())) continue;
            client.updateTable(r -> r.tableName(table).attributeDefinitions(attributes)
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(g.indexName()).keySchema(g.keySchema()).projection(g.projection()))));
        }
    }

    private static List<KeySchemaElement> keys(List<Map<String, String>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(k.get("AttributeName")).keyType(k.get("KeyType")).build()).toList();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception { server.stop(); }
}
