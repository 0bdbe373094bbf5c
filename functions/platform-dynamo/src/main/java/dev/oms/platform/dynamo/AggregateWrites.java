package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.DomainEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One write of an aggregate that is not an order (a warehouse, a pick list): the aggregate item under a condition
 * (first in the transaction), its event items ({@link EventItemMapper#toAggregateItem}, sequence: its version) and the
 * request's idempotency record, in one TransactWriteItems. A failed condition on the aggregate is
 * {@link ConcurrentUpdateException} with the stored version.
 */
final class AggregateWrites {
    private AggregateWrites() { }

    static Expression isNew() { return Expression.builder().expression("attribute_not_exists(PK)").build(); }

    static Expression versionIs(long v) {
        return Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(v))).build();
    }

    static TransactPutItemEnhancedRequest<EnhancedDocument> put(ObjectNode item, Expression condition) {
        return TransactPutItemEnhancedRequest.builder(EnhancedDocument.class).item(SingleTable.document(item)).conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    static void addEvents(SingleTable table, IdGenerator ids, TransactWriteItemsEnhancedRequest.Builder tx, String pk, String tenantId,
                          String aggregateType, String aggregateId, long sequence, List<DomainEvent> events, CommandMeta meta) {
        for (DomainEvent e : events) {
            tx.addPutItem(table.table(), SingleTable.document(EventItemMapper.toAggregateItem(pk, ids.next("evt"), tenantId, aggregateType, aggregateId,
                    sequence, e, meta)));
        }
    }

    static void commit(SingleTable table, TransactWriteItemsEnhancedRequest.Builder tx, IdempotencyRecord idempotency) {
        if (idempotency != null) IdempotencyStore.addCompletion(tx, table, idempotency);
        try {
            table.enhanced().transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n()));
            }
            if (idempotency != null && reasons != null && "ConditionalCheckFailed".equals(reasons.get(reasons.size() - 1).code())) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }
}
