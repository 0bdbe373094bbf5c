package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Repair items: one item each, listed by state (GSI1, oldest first). */
public final class DynamoRepairQueue implements RepairQueue {
    private final SingleTable table;

    public DynamoRepairQueue(SingleTable table) { this.table = table; }

    @Override
    public void open(RepairItem item) {
        try {
            table.put(toItem(item), Expression.of("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException alreadyOpen) {
            // a retried saga step opens the same item again: keep the first
        }
    }

    @Override
    public Optional<RepairItem> find(String tenantId, String repairId) {
        return table.get(Keys.repair(tenantId, repairId), Keys.SINGLE).map(DynamoRepairQueue::fromItem);
    }

    @Override
    public Page<RepairItem> list(String tenantId, String state, PageRequest page) {
        String pk = Keys.repairsByState(tenantId, state);
        var result = table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(pk)).limit(page.limit())
                .exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<RepairItem> items = new ArrayList<>();
        result.items().forEach(i -> items.add(fromItem(i)));
        return new Page<>(items, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public void update(RepairItem item, long expectedVersion) {
        try {
            table.put(toItem(item), Expression.builder().expression("version = :v")
                    .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expectedVersion + 1);
        }
    }

    private static ObjectNode toItem(RepairItem r) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.repair(r.tenantId(), r.id()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "repair");
        o.put(Keys.GSI1PK, Keys.repairsByState(r.tenantId(), r.state()));
        o.put(Keys.GSI1SK, Times.format(r.createdAt()) + "#" + r.id());
        o.put("id", r.id());
        o.put("tenant_id", r.tenantId());
        o.put("order_id", r.orderId());
        o.put("cancellation_id", r.cancellationId());
        o.put("kind", r.kind());
        o.put("failed_step", r.failedStep());
        o.put("failure", r.failure());
        o.put("state", r.state());
        o.put("created_at", Times.format(r.createdAt()));
        o.put("updated_at", Times.format(r.updatedAt()));
        o.put("version", r.version());
        o.set("history", Json.valueToTree(r.history()));
        return o;
    }

    @SuppressWarnings("unchecked")
    private static RepairItem fromItem(JsonNode o) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (JsonNode h : o.path("history")) history.add(Json.toMap(h));
        return new RepairItem(Shapes.text(o, "id"), Shapes.text(o, "tenant_id"), Shapes.text(o, "order_id"), Shapes.text(o, "cancellation_id"),
                Shapes.text(o, "kind"), Shapes.text(o, "failed_step"), Shapes.text(o, "failure"), Shapes.text(o, "state"),
                Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")), o.path("version").asLong(), history);
    }
}
