package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The one table, through the low-level DynamoDB client: items are JSON trees (converted by {@link AttributeValues});
 * reads are {@link #get} and {@link #query} ({@link TableQuery}, {@link KeyCondition}, {@link TablePages}), writes
 * {@link #put}, {@link #delete} and {@link #transact} ({@link TableTransaction}) with {@link Expression} conditions.
 * (No Enhanced client: its table schema and converters cost a cold start about 200 classes and their reflection.)
 */
public final class SingleTable {
    private final DynamoDbClient client;
    private final String name;

    public SingleTable(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** The table named by {@code TABLE_NAME}, on the container's shared client. */
    public static SingleTable fromEnvironment() {
        return new SingleTable(AwsClients.dynamo(), Env.get("TABLE_NAME", "oms"));
    }

    /** The client itself, for what the methods here do not cover (update expressions, counters, scans). */
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

    /** The table's key of an item. */
    public static Map<String, AttributeValue> primaryKey(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }

    public static ObjectNode item(Map<String, AttributeValue> map) {
        return AttributeValues.toObject(map);
    }
}
