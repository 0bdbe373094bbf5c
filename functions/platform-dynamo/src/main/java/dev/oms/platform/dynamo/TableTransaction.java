package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The writes of one DynamoDB transaction on the table (at most 100), in order: a refused one is found by its index in
 * {@code TransactionCanceledException.cancellationReasons()}, which carries the item as it was (a conditioned write
 * asks for it). Run with {@link SingleTable#transact}.
 */
public final class TableTransaction {
    private final String table;
    private final List<TransactWriteItem> writes = new ArrayList<>();

    TableTransaction(String table) { this.table = table; }

    public TableTransaction put(ObjectNode item) {
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(AttributeValues.fromObject(item)).build()).build());
        return this;
    }

    public TableTransaction put(ObjectNode item, Expression condition) {
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(AttributeValues.fromObject(item))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                .expressionAttributeValues(condition.valuesOrNull())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
        return this;
    }

    public TableTransaction delete(String pk, String sk) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(SingleTable.primaryKey(pk, sk)).build()).build());
        return this;
    }

    public TableTransaction delete(String pk, String sk, Expression condition) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(SingleTable.primaryKey(pk, sk))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.namesOrNull())
                .expressionAttributeValues(condition.valuesOrNull())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
        return this;
    }

    /** A write built by hand (an update of a counter, a condition check). */
    public TableTransaction add(TransactWriteItem write) {
        writes.add(write);
        return this;
    }

    public int size() { return writes.size(); }

    public boolean isEmpty() { return writes.isEmpty(); }

    TransactWriteItemsRequest request() { return TransactWriteItemsRequest.builder().transactItems(writes).build(); }
}
