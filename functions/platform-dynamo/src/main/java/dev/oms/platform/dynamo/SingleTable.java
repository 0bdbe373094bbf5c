package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one table, through the Enhanced client with a document schema (no bean reflection). Items are JSON trees
 * converted by {@link AttributeValues}.
 */
public final class SingleTable {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient client;
    private final String name;
    private final DynamoDbTable<EnhancedDocument> table;

    public SingleTable(DynamoDbEnhancedClient enhanced, DynamoDbClient client, String name) {
        this.enhanced = enhanced;
        this.client = client;
        this.name = name;
        TableSchema<EnhancedDocument> schema = TableSchema.documentSchemaBuilder()
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), Keys.PK, AttributeValueType.S)
                .addIndexSortKey(TableMetadata.primaryIndexName(), Keys.SK, AttributeValueType.S)
                .addIndexPartitionKey(Keys.GSI1, Keys.GSI1PK, AttributeValueType.S)
                .addIndexSortKey(Keys.GSI1, Keys.GSI1SK, AttributeValueType.S)
                .addIndexPartitionKey(Keys.GSI2, Keys.GSI2PK, AttributeValueType.S)
                .addIndexSortKey(Keys.GSI2, Keys.GSI2SK, AttributeValueType.S)
                .addIndexPartitionKey(Keys.GSI3, Keys.GSI3PK, AttributeValueType.S)
                .addIndexSortKey(Keys.GSI3, Keys.GSI3SK, AttributeValueType.S)
                .build();
        this.table = enhanced.table(name, schema);
    }

    /** The table named by {@code TABLE_NAME}, on the container's shared clients. */
    public static SingleTable fromEnvironment() {
        return new SingleTable(AwsClients.enhanced(), AwsClients.dynamo(), Env.get("TABLE_NAME", "oms"));
    }

    public DynamoDbTable<EnhancedDocument> table() { return table; }

    public DynamoDbIndex<EnhancedDocument> index(String indexName) { return table.index(indexName); }

    public DynamoDbEnhancedClient enhanced() { return enhanced; }

    /** The low-level client, for the few operations the Enhanced client cannot express (atomic counters). */
    public DynamoDbClient client() { return client; }

    public String name() { return name; }

    public Optional<ObjectNode> get(String pk, String sk) {
        EnhancedDocument doc = table.getItem(r -> r.key(key(pk, sk)).consistentRead(true));
        return Optional.ofNullable(doc).map(d -> AttributeValues.toObject(d.toMap()));
    }

    public static Key key(String pk, String sk) { return Key.builder().partitionValue(pk).sortValue(sk).build(); }

    public static EnhancedDocument document(ObjectNode item) {
        return EnhancedDocument.fromAttributeValueMap(AttributeValues.fromObject(item));
    }

    public static ObjectNode item(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> map) {
        return AttributeValues.toObject(map);
    }
}
