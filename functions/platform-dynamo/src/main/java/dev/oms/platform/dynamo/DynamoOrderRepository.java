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
import dev.oms.domain.order.OrderChild;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Orders in the single table: one header item per order (lines embedded), a child item per fulfilment, return,
 * refund, ... ({@code C#{kind}#{id}}) and event items ({@code E#...}) beside it.
 */
public final class DynamoOrderRepository implements OrderRepository {
    /** A list request examines at most this many items, whatever its filters, and then answers with a cursor. */
    static final int MAX_EXAMINED = 1000;

    private final SingleTable table;
    private final IdGenerator ids;
    private final OrderNumberBlocks numbers;

    public DynamoOrderRepository(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
        this.numbers = new OrderNumberBlocks(table);
    }

    /** One strongly consistent Query reads the header and every child (the events sort after them and are not read). */
    @Override
    public Optional<Order> find(String tenantId, String orderId) {
        String pk = Keys.order(tenantId, orderId);
        ObjectNode header = null;
        List<ObjectNode> children = new ArrayList<>();
        for (ObjectNode item : table.query(TableQuery.builder().keyCondition(KeyCondition.sortBetween(pk, Keys.ORDER_SK, Keys.CHILDREN_END))
                .consistentRead(true).build()).items()) {
            if (Keys.ORDER_SK.equals(item.path(Keys.SK).asText())) header = item;
            else children.add(item);
        }
        if (header == null) return Optional.empty();
        Order order = OrderItemMapper.fromItem(header);
        for (ObjectNode item : children) {
            ChildCodec<?> codec = ChildCodecs.forKind(item.path("type").asText());
            if (codec != null) order.state().children.add(codec.fromItem(item));
        }
        return Optional.of(order);
    }

    @Override
    public void commit(OrderCommit c) { commit(c, null); }

    @Override
    public long counterValue(String tenantId, String counter) {
        return table.get(Keys.gaplessCounter(tenantId, counter), Keys.SINGLE).map(i -> i.path("value").asLong()).orElse(0L);
    }

    /** The order's transaction plus a Put of the counter at {@code expected + 1}, conditional on it still being at {@code expected}. */
    @Override
    public void commit(OrderCommit c, dev.oms.app.port.CounterClaim claim) {
        Order order = c.order();
        String tenant = order.tenantId();
        Expression condition = c.expectedVersion() == 0
                ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.expectedVersion()))).build();
        TableTransaction tx = table.transaction().put(OrderItemMapper.toItem(order), condition);
        int extRefIndex = -1; // where a refused write sits in the transaction: the index of its cancellation reason
        if (c.expectedVersion() == 0 && order.state().externalReference != null) {
            ObjectNode ref = dev.oms.platform.json.Json.object();
            ref.put(Keys.PK, Keys.externalReference(tenant, order.state().externalReference));
            ref.put(Keys.SK, Keys.SINGLE);
            ref.put("type", "external_reference");
            ref.put("order_id", order.id());
            extRefIndex = tx.size();
            tx.put(ref, Expression.of("attribute_not_exists(PK)"));
        }
        if (c.expectedVersion() == 0) {
            // the guest lookup finds an order by the number its customer sees (docs/customer-care.md)
            tx.put(GuestLookupItems.orderNumberItem(tenant, order.state().number, order.id()));
        }
        addEvents(tx, Keys.order(tenant, order.id()), c);
        addChildren(tx, order);
        int counterIndex = -1;
        if (claim != null) {
            ObjectNode counter = dev.oms.platform.json.Json.object();
            counter.put(Keys.PK, Keys.gaplessCounter(claim.tenantId(), claim.counter()));
            counter.put(Keys.SK, Keys.SINGLE);
            counter.put("type", "counter");
            counter.put("value", claim.next());
            Expression atExpected = claim.expected() == 0
                    ? Expression.of("attribute_not_exists(PK)")
                    : Expression.builder().expression("#v = :v").putExpressionName("#v", "value")
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(claim.expected()))).build();
            counterIndex = tx.size();
            tx.put(counter, atExpected);
        }
        int idemIndex = -1;
        if (c.idempotency() != null) {
            idemIndex = tx.size();
            IdempotencyStore.addCompletion(tx, c.idempotency());
        }
        try {
            execute(tx, extRefIndex, idemIndex, order.state().externalReference);
        } catch (TransactionCanceledException e) {
            if (counterIndex >= 0 && failed(e.cancellationReasons(), counterIndex)) throw new ConcurrentUpdateException(c.expectedVersion());
            throw e;
        }
    }

    @Override
    public void hardDelete(OrderCommit c) {
        Order order = c.order();
        String tenant = order.tenantId();
        String pk = Keys.order(tenant, order.id());
        List<ObjectNode> items = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.partition(pk)).consistentRead(true).build()).items().forEach(items::add);
        // the first transaction removes the header (guarded by its version), the reference index and writes the
        // deletion to the audit log; remaining event items follow in further transactions
        TableTransaction first = table.transaction().delete(pk, Keys.ORDER_SK, Expression.builder().expression("version = :v")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.expectedVersion()))).build());
        first.delete(GuestLookupItems.orderNumber(tenant, order.state().number), Keys.SINGLE);
        if (order.state().externalReference != null) {
            first.delete(Keys.externalReference(tenant, order.state().externalReference), Keys.SINGLE);
        }
        addEvents(first, Keys.deletedOrder(tenant, order.id()), c);
        int idemIndex = -1;
        if (c.idempotency() != null) {
            idemIndex = first.size();
            IdempotencyStore.addCompletion(first, c.idempotency());
        }
        List<String[]> rest = new ArrayList<>(); // {pk, sk}
        for (ObjectNode item : items) {
            String sk = item.path(Keys.SK).asText();
            if (Keys.ORDER_SK.equals(sk)) continue;
            rest.add(new String[] {pk, sk});
            ChildCodec<?> codec = ChildCodecs.forKind(item.path("type").asText());
            if (sk.startsWith(Keys.CHILD_SK_PREFIX) && codec != null && codec.addressable()) {
                rest.add(new String[] {Keys.childRef(tenant, item.path("id").asText()), Keys.SINGLE});
            }
        }
        int i = 0;
        for (; i < rest.size() && first.size() < 100; i++) first.delete(rest.get(i)[0], rest.get(i)[1]);
        execute(first, -1, idemIndex, null);
        while (i < rest.size()) {
            TableTransaction more = table.transaction();
            for (int n = 0; i < rest.size() && n < 100; i++, n++) more.delete(rest.get(i)[0], rest.get(i)[1]);
            table.transact(more);
        }
    }

    /** Puts every child the command changed and, for a new addressable one, its pointer. */
    private void addChildren(TableTransaction tx, Order order) {
        String pk = Keys.order(order.tenantId(), order.id());
        for (OrderChild child : order.changedChildren()) {
            ChildCodec<?> codec = ChildCodecs.of(child);
            ObjectNode item = codec.encode(child);
            item.put(Keys.PK, pk);
            item.put(Keys.SK, Keys.childSk(child.kind(), child.id()));
            item.put("type", child.kind());
            item.put("order_id", order.id());
            if (child instanceof dev.oms.domain.order.OrderTask task) TaskCodec.index(item, order.tenantId(), task);
            if (child instanceof dev.oms.domain.order.Fulfillment f) DynamoFulfilmentIndex.index(item, order.tenantId(), f);
            tx.put(item);
            if (codec.addressable() && order.isNewChild(child)) {
                ObjectNode ref = dev.oms.platform.json.Json.object();
                ref.put(Keys.PK, Keys.childRef(order.tenantId(), child.id()));
                ref.put(Keys.SK, Keys.SINGLE);
                ref.put("type", "child_ref");
                ref.put("kind", child.kind());
                ref.put("order_id", order.id());
                tx.put(ref);
            }
        }
    }

    /** Adds the command's event items (and the guards of the saga starts they request). */
    private void addEvents(TableTransaction tx, String pk, OrderCommit c) {
        Order order = c.order();
        for (DomainEvent e : order.pendingEvents()) {
            ObjectNode item = EventItemMapper.toItem(pk, ids.next("evt"), order.tenantId(), order.id(), order.version(), e, c.meta());
            tx.put(item, Expression.of("attribute_not_exists(PK)"));
            // an event that requests a saga carries the guard of its start, for the saga sweeper
            ObjectNode guard = SagaStartGuards.itemFor(dev.oms.platform.events.EventEnvelope.fromItem(item), c.meta().occurredAt());
            if (guard != null) {
                tx.put(guard);
            }
        }
    }

    private void execute(TableTransaction tx, int extRefIndex, int idemIndex, String externalReference) {
        try {
            table.transact(tx);
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
        List<String> partitions;
        if (f.customerId() != null) { index = Keys.GSI3; partitions = List.of(Keys.ordersByCustomer(tenantId, f.customerId())); }
        else if (f.status() != null) { index = Keys.GSI2; partitions = Keys.ordersByStatus(tenantId, f.status()); }
        else { index = Keys.GSI1; partitions = Keys.ordersByCreated(tenantId); }
        String lower = f.from() == null ? "0" : Times.format(f.from());
        String upper = f.to() == null ? "9" : Times.format(f.to()) + "~";

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
        Expression expression = conditions.isEmpty() ? null : filter.expression(String.join(" AND ", conditions)).build();
        var result = new ShardedIndexQuery(table).run(new ShardedIndexQuery.Request(index, partitions, lower, upper,
                !f.newestFirst(), expression, page.limit(), ShardedIndexQuery.after(page.position()), MAX_EXAMINED));
        List<Order> found = new ArrayList<>(result.items().size());
        for (ObjectNode item : result.items()) found.add(OrderItemMapper.fromItem(item));
        return new Page<>(found, ShardedIndexQuery.position(result.after()));
    }

    @Override
    public Optional<String> findIdByExternalReference(String tenantId, String externalReference) {
        return table.get(Keys.externalReference(tenantId, externalReference), Keys.SINGLE).map(i -> i.path("order_id").asText());
    }

    @Override
    public Optional<String> findOrderIdOfChild(String tenantId, String childId) {
        return table.get(Keys.childRef(tenantId, childId), Keys.SINGLE).map(i -> i.path("order_id").asText());
    }

    @Override
    public long nextOrderNumber(String tenantId) { return numbers.next(tenantId); }
}
