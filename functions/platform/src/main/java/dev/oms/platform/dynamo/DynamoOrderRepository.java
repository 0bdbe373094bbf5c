package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderCommit;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Orders in the single table: one header item per order (lines embedded), event items beside it. */
public final class DynamoOrderRepository implements OrderRepository {
    /** A list request examines at most this many items, whatever its filters, and then answers with a cursor. */
    static final int MAX_EXAMINED = 1000;

    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoOrderRepository(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    @Override
    public Optional<Order> find(String tenantId, String orderId) {
        return table.get(Keys.order(tenantId, orderId), Keys.ORDER_SK).map(OrderItemMapper::fromItem);
    }

    @Override
    public void commit(OrderCommit c) {
        Order order = c.order();
        String tenant = order.tenantId();
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        Expression condition = c.expectedVersion() == 0
                ? Expression.builder().expression("attribute_not_exists(PK)").build()
                : Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.expectedVersion()))).build();
        tx.addPutItem(table.table(), TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                .item(SingleTable.document(OrderItemMapper.toItem(order)))
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        int extRefIndex = -1;
        int count = 1;
        if (c.expectedVersion() == 0 && order.state().externalReference != null) {
            ObjectNode ref = dev.oms.platform.json.Json.object();
            ref.put(Keys.PK, Keys.externalReference(tenant, order.state().externalReference));
            ref.put(Keys.SK, Keys.SINGLE);
            ref.put("type", "external_reference");
            ref.put("order_id", order.id());
            tx.addPutItem(table.table(), TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(SingleTable.document(ref))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            extRefIndex = count++;
        }
        addEvents(tx, Keys.order(tenant, order.id()), c);
        count += order.pendingEvents().size();
        int idemIndex = -1;
        if (c.idempotency() != null) {
            IdempotencyStore.addCompletion(tx, table, c.idempotency());
            idemIndex = count;
        }
        execute(tx.build(), extRefIndex, idemIndex, order.state().externalReference);
    }

    @Override
    public void hardDelete(OrderCommit c) {
        Order order = c.order();
        String tenant = order.tenantId();
        String pk = Keys.order(tenant, order.id());
        List<ObjectNode> items = new ArrayList<>();
        for (var page : table.table().query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(pk))).consistentRead(true).build())) {
            page.items().forEach(d -> items.add(SingleTable.item(d.toMap())));
        }
        // the first transaction removes the header (guarded by its version), the reference index and writes the
        // deletion to the audit log; remaining event items follow in further transactions
        TransactWriteItemsEnhancedRequest.Builder first = TransactWriteItemsEnhancedRequest.builder();
        first.addDeleteItem(table.table(), TransactDeleteItemEnhancedRequest.builder()
                .key(SingleTable.key(pk, Keys.ORDER_SK))
                .conditionExpression(Expression.builder().expression("version = :v")
                        .putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.expectedVersion()))).build())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        int actions = 1;
        if (order.state().externalReference != null) {
            first.addDeleteItem(table.table(), SingleTable.key(Keys.externalReference(tenant, order.state().externalReference), Keys.SINGLE));
            actions++;
        }
        addEvents(first, Keys.deletedOrder(tenant, order.id()), c);
        actions += order.pendingEvents().size();
        int idemIndex = -1;
        if (c.idempotency() != null) {
            IdempotencyStore.addCompletion(first, table, c.idempotency());
            idemIndex = actions++;
        }
        List<ObjectNode> rest = items.stream().filter(i -> !Keys.ORDER_SK.equals(i.path(Keys.SK).asText())).toList();
        int i = 0;
        for (; i < rest.size() && actions < 100; i++, actions++) {
            first.addDeleteItem(table.table(), SingleTable.key(pk, rest.get(i).path(Keys.SK).asText()));
        }
        execute(first.build(), -1, idemIndex, null);
        while (i < rest.size()) {
            TransactWriteItemsEnhancedRequest.Builder more = TransactWriteItemsEnhancedRequest.builder();
            for (int n = 0; i < rest.size() && n < 100; i++, n++) {
                more.addDeleteItem(table.table(), SingleTable.key(pk, rest.get(i).path(Keys.SK).asText()));
            }
            table.enhanced().transactWriteItems(more.build());
        }
    }

    private void addEvents(TransactWriteItemsEnhancedRequest.Builder tx, String pk, OrderCommit c) {
        Order order = c.order();
        for (DomainEvent e : order.pendingEvents()) {
            ObjectNode item = EventItemMapper.toItem(pk, ids.next("evt"), order.tenantId(), order.id(), order.version(), e, c.meta());
            tx.addPutItem(table.table(), TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(SingleTable.document(item))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build()).build());
        }
    }

    private void execute(TransactWriteItemsEnhancedRequest request, int extRefIndex, int idemIndex, String externalReference) {
        try {
            table.enhanced().transactWriteItems(request);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                long current = old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n());
                throw new ConcurrentUpdateException(current);
            }
            if (extRefIndex >= 0 && failed(reasons, extRefIndex)) {
                Map<String, AttributeValue> old = reasons.get(extRefIndex).item();
                throw DomainException.conflict("order.duplicate_external_reference",
                                "Another order already has external_reference " + externalReference,
                                "Use a different external_reference, or fetch the existing order.")
                        .with("existing_order_id", old == null ? null : old.get("order_id").s());
            }
            if (idemIndex >= 0 && failed(reasons, idemIndex)) throw IdempotencyStore.lostClaim();
            throw e;
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    @Override
    public Page<Order> list(String tenantId, OrderFilter f, PageRequest page) {
        String index;
        String pk;
        if (f.customerId() != null) { index = Keys.GSI3; pk = Keys.ordersByCustomer(tenantId, f.customerId()); }
        else if (f.status() != null) { index = Keys.GSI2; pk = Keys.ordersByStatus(tenantId, f.status()); }
        else { index = Keys.GSI1; pk = Keys.ordersByCreated(tenantId); }
        String skAttr = index + "SK";
        String lower = f.from() == null ? "0" : Times.format(f.from());
        String upper = f.to() == null ? "9" : Times.format(f.to()) + "~";
        QueryConditional key = QueryConditional.sortBetween(
                k -> k.partitionValue(pk).sortValue(lower), k -> k.partitionValue(pk).sortValue(upper));

        List<String> conditions = new ArrayList<>();
        Expression.Builder filter = Expression.builder();
        if (f.status() != null && !index.equals(Keys.GSI2)) {
            conditions.add("#status = :status");
            filter.putExpressionName("#status", "status").putExpressionValue(":status", AttributeValue.fromS(f.status()));
        }
        if (f.channel() != null) {
            conditions.add("channel = :channel");
            filter.putExpressionValue(":channel", AttributeValue.fromS(f.channel()));
        }
        if (f.minTotal() != null) {
            conditions.add("#total >= :min");
            filter.putExpressionName("#total", "total").putExpressionValue(":min", AttributeValue.fromN(Long.toString(f.minTotal())));
        }
        Map<String, AttributeValue> start = Positions.decode(page.position());
        List<Order> found = new ArrayList<>();
        int examined = 0;
        String next = null;
        while (true) {
            QueryEnhancedRequest.Builder q = QueryEnhancedRequest.builder().queryConditional(key)
                    .scanIndexForward(!f.newestFirst()).limit(Math.min(200, Math.max(page.limit() - found.size(), 1) + (conditions.isEmpty() ? 0 : 20)));
            if (!conditions.isEmpty()) q.filterExpression(filter.expression(String.join(" AND ", conditions)).build());
            if (start != null) q.exclusiveStartKey(start);
            var result = table.index(index).query(q.build()).iterator().next();
            examined += result.scannedCount() == null ? result.items().size() : result.scannedCount();
            for (EnhancedDocument d : result.items()) {
                ObjectNode item = SingleTable.item(d.toMap());
                found.add(OrderItemMapper.fromItem(item));
                if (found.size() == page.limit()) {
                    boolean lastOfPage = d == result.items().get(result.items().size() - 1);
                    next = lastOfPage && result.lastEvaluatedKey() == null ? null : Positions.encode(Positions.keyOf(item, index));
                    return new Page<>(found, next);
                }
            }
            start = result.lastEvaluatedKey();
            if (start == null || start.isEmpty()) return new Page<>(found, null);
            if (examined >= MAX_EXAMINED) return new Page<>(found, Positions.encode(start));
        }
    }

    @Override
    public Optional<String> findIdByExternalReference(String tenantId, String externalReference) {
        return table.get(Keys.externalReference(tenantId, externalReference), Keys.SINGLE).map(i -> i.path("order_id").asText());
    }

    @Override
    public long nextOrderNumber(String tenantId) {
        var response = table.client().updateItem(r -> r.tableName(table.name())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.orderCounter(tenantId)), Keys.SK, AttributeValue.fromS(Keys.SINGLE)))
                .updateExpression("ADD #v :one SET #t = :type")
                .expressionAttributeNames(Map.of("#v", "value", "#t", "type"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":type", AttributeValue.fromS("counter")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return 1000 + Long.parseLong(response.attributes().get("value").n());
    }
}
