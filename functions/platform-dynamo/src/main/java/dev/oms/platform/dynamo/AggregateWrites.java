package dev.oms.platform.dynamo;

import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.DomainEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One write of an aggregate that is not an order (a warehouse, a pick list): the aggregate item under a condition
 * (first in the transaction), its event items ({@link EventItemMapper#toAggregateItem}, sequence: its version) and the
 * request's idempotency record, in one TransactWriteItems. A failed condition on the aggregate is
 * {@link ConcurrentUpdateException} with the stored version.
 */
final class AggregateWrites {
    private AggregateWrites() { }

    static Expression isNew() { return Expression.of("attribute_not_exists(PK)"); }

    static Expression versionIs(long v) {
        return Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(v))).build();
    }

    static void addEvents(IdGenerator ids, TableTransaction tx, String pk, String tenantId,
                          String aggregateType, String aggregateId, long sequence, List<DomainEvent> events, CommandMeta meta) {
        for (DomainEvent e : events) {
            tx.put(EventItemMapper.toAggregateItem(pk, ids.next("evt"), tenantId, aggregateType, aggregateId, sequence, e, meta));
        }
    }

    static void commit(SingleTable table, TableTransaction tx, IdempotencyRecord idempotency) {
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
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
