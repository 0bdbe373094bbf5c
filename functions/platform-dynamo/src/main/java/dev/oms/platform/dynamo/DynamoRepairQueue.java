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
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Repair items: one item each, listed by state (GSI1, oldest first). */
public final class DynamoRepairQueue implements RepairQueue {
    private final SingleTable table;

    public DynamoRepairQueue(SingleTable table) { this.table = table; }

    @Override
    public void open(RepairItem item) {
        try {
            table.table().putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class).item(SingleTable.document(toItem(item)))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build()).build());
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
        QueryEnhancedRequest.Builder q = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(pk))).limit(page.limit());
        Map<String, AttributeValue> start = Positions.decode(page.position());
        if (start != null) q.exclusiveStartKey(start);
        var result = table.index(Keys.GSI1).query(q.build()).iterator().next();
        List<RepairItem> items = new ArrayList<>();
        result.items().forEach(d -> items.add(fromItem(SingleTable.item(d.toMap()))));
        return new Page<>(items, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public void update(RepairItem item, long expectedVersion) {
        try {
            table.table().putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class).item(SingleTable.document(toItem(item)))
                    .conditionExpression(Expression.builder().expression("version = :v")
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build()).build());
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
