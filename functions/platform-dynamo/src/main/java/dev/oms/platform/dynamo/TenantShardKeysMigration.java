package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Moves one tenant's items written before the tenant-wide lists were sharded ({@link Keys#TENANT_SHARDS}) into
 * their shards: each order header of {@code T#t#ORDERS} gets its sharded creation and status keys, each event item of
 * {@code T#t#AUDIT} its sharded audit keys (time, actor, action). Each update is conditional on the item still having
 * the unsharded key, so an item rewritten meanwhile (which then has its sharded keys) is left alone; nothing else
 * changes and no event is written; running it again finds nothing to move.
 */
public final class TenantShardKeysMigration {
    private final SingleTable table;

    public TenantShardKeysMigration(SingleTable table) { this.table = table; }

    /** How many order headers and event items were moved, and how many had changed meanwhile. */
    public record Result(String tenantId, long orders, long events, long changedMeanwhile) { }

    public Result run(String tenant) {
        long[] n = new long[3]; // orders, events, changed meanwhile
        forEach(Keys.unshardedOrders(tenant), header -> {
            if (!"order".equals(header.path("type").asText())) return;
            String id = header.path("id").asText();
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put(Keys.GSI1PK, Keys.ordersByCreated(tenant, id));
            if (header.hasNonNull(Keys.GSI2PK)) keys.put(Keys.GSI2PK, Keys.ordersByStatus(tenant, header.path("status").asText(), id));
            n[move(header, Keys.unshardedOrders(tenant), keys) ? 0 : 2]++;
        });
        forEach(Keys.unshardedAudit(tenant), event -> {
            String id = event.path("id").asText();
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put(Keys.GSI1PK, Keys.audit(tenant, id));
            keys.put(Keys.GSI2PK, Keys.auditByActor(tenant, event.path("actor_id").asText(), id));
            keys.put(Keys.GSI3PK, Keys.auditByAction(tenant, event.path("event_type").asText(), id));
            n[move(event, Keys.unshardedAudit(tenant), keys) ? 1 : 2]++;
        });
        return new Result(tenant, n[0], n[1], n[2]);
    }

    /** Each item of an unsharded GSI1 partition, a page at a time (a tenant's whole audit log never sits in memory). */
    private void forEach(String gsi1pk, java.util.function.Consumer<ObjectNode> each) {
        table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(gsi1pk)).build()).items().forEach(each);
    }

    private boolean move(ObjectNode item, String unsharded, Map<String, String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (var e : keys.entrySet()) {
            if (i > 0) set.append(", ");
            names.put("#k" + i, e.getKey());
            values.put(":k" + i, AttributeValue.fromS(e.getValue()));
            set.append("#k").append(i).append(" = :k").append(i);
            i++;
        }
        names.put("#g1", Keys.GSI1PK);
        values.put(":old", AttributeValue.fromS(unsharded));
        try {
            table.client().updateItem(r -> r.tableName(table.name())
                    .key(SingleTable.primaryKey(item.path(Keys.PK).asText(), item.path(Keys.SK).asText()))
                    .updateExpression(set.toString()).conditionExpression("#g1 = :old")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }
}
