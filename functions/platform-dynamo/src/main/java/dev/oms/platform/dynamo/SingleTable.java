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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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

    /** The item at {@code pk}/{@code sk} (a consistent GetItem). */
    public Optional<ObjectNode> get(String pk, String sk) {
        GetItemResponse r = client.getItem(GetItemRequest.builder().tableName(name).key(primaryKey(pk, sk)).consistentRead(true).build());
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(AttributeValues.toObject(r.item())) : Optional.empty();
    }

    /** Writes {@code item} (a PutItem), replacing what is at its key. */
    public void put(ObjectNode item) {
        client.putItem(PutItemRequest.builder().tableName(name).item(AttributeValues.fromObject(item)).build());
    }

    /**
     * Writes {@code item} if {@code condition} holds; otherwise DynamoDB refuses with
     * {@code ConditionalCheckFailedException}, which carries the item as it was.
     */
    public void put(ObjectNode item, Expression condition) {
        client.putItem(PutItemRequest.builder().tableName(name).item(AttributeValues.fromObject(item))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                .expressionAttributeValues(condition.valuesOrNull())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    }

    public void delete(String pk, String sk) {
        client.deleteItem(DeleteItemRequest.builder().tableName(name).key(primaryKey(pk, sk)).build());
    }

    /** Deletes the item if {@code condition} holds (as {@link #put(ObjectNode, Expression)}). */
    public void delete(String pk, String sk, Expression condition) {
        client.deleteItem(DeleteItemRequest.builder().tableName(name).key(primaryKey(pk, sk))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                .expressionAttributeValues(condition.valuesOrNull())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    }

    /** The pages of {@code query}, read as they are iterated. */
    public TablePages query(TableQuery query) { return new TablePages(client, name, query); }

    /** An empty transaction on this table; {@link #transact} runs it. */
    public TableTransaction transaction() { return new TableTransaction(name); }

    /** Runs {@code tx} (a TransactWriteItems); a refused write cancels it all ({@code TransactionCanceledException}). */
    public void transact(TableTransaction tx) { client.transactWriteItems(tx.request()); }

    /** Transitional: an Expression for the Enhanced client (removed when every store is on the low-level client). */
    static software.amazon.awssdk.enhanced.dynamodb.Expression legacy(Expression e) {
        return software.amazon.awssdk.enhanced.dynamodb.Expression.builder().expression(e.expression())
                .expressionNames(e.expressionNames()).expressionValues(e.expressionValues()).build();
    }

    /** The table's key of an item. */
    public static Map<String, AttributeValue> primaryKey(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }

    public static Key key(String pk, String sk) { return Key.builder().partitionValue(pk).sortValue(sk).build(); }

    public static EnhancedDocument document(ObjectNode item) {
        return EnhancedDocument.fromAttributeValueMap(AttributeValues.fromObject(item));
    }

    public static ObjectNode item(Map<String, AttributeValue> map) {
        return AttributeValues.toObject(map);
    }
}
