package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.TaskIndex;
import dev.oms.domain.order.OrderTask;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tasks across orders: one Query of GSI2 (assignee and status) when an assignee is given, of GSI1 (status) otherwise,
 * in due-time order; {@code due_before} is part of the key condition, {@code order_id} a filter (at most
 * {@value DynamoOrderRepository#MAX_EXAMINED} items examined per page, as for orders).
 */
public final class DynamoTaskIndex implements TaskIndex {
    private static final TaskCodec CODEC = new TaskCodec();
    private final SingleTable table;

    public DynamoTaskIndex(SingleTable table) { this.table = table; }

    @Override
    public Page<OrderTask> list(String tenantId, TaskFilter f, PageRequest page) {
        String index = f.assignee() == null ? Keys.GSI1 : Keys.GSI2;
        String pk = f.assignee() == null ? Keys.tasksByStatus(tenantId, f.status()) : Keys.tasksByAssignee(tenantId, f.assignee(), f.status());
        KeyCondition key = f.dueBefore() == null ? KeyCondition.partition(pk) : KeyCondition.sortLessThan(pk, Times.format(f.dueBefore()));
        Expression filter = f.orderId() == null ? null : Expression.builder().expression("order_id = :order")
                .putExpressionValue(":order", AttributeValue.fromS(f.orderId())).build();
        Map<String, AttributeValue> start = Positions.decode(page.position());
        List<OrderTask> found = new ArrayList<>();
        int examined = 0;
        while (true) {
            var result = table.query(TableQuery.builder().index(index).keyCondition(key)
                    .limit(Math.min(200, page.limit() - found.size() + (filter == null ? 0 : 20)))
                    .filterExpression(filter).exclusiveStartKey(start).build()).iterator().next();
            examined += result.scannedCount();
            for (ObjectNode item : result.items()) {
                found.add(CODEC.fromItem(item));
                if (found.size() == page.limit()) {
                    boolean lastOfPage = item == result.items().get(result.items().size() - 1);
                    return new Page<>(found, lastOfPage && result.lastEvaluatedKey() == null ? null : Positions.encode(Positions.keyOf(item, index)));
                }
            }
            start = result.lastEvaluatedKey();
            if (start == null) return new Page<>(found, null);
            if (examined >= DynamoOrderRepository.MAX_EXAMINED) return new Page<>(found, Positions.encode(start));
        }
    }
}
