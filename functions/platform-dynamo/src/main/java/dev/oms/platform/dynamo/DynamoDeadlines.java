package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.Deadlines;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Policy deadlines: {@code PK = T#t#DEADLINE#{kind}#{orderId}}, and while set {@code GSI1PK = DEADLINES#{shard}}
 * (one of {@link #SHARDS}, across tenants) with {@code GSI1SK = {due, 12-digit epoch seconds}#{tenant}#{orderId}}, so
 * the sweeper reads the due ones with one Query per shard.
 */
public final class DynamoDeadlines implements Deadlines {
    public static final int SHARDS = 4;
    private final SingleTable table;

    public DynamoDeadlines(SingleTable table) { this.table = table; }

    @Override
    public void set(Deadline d) {
        try {
            table.put(item(d), Expression.of("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException exists) {
            // the order has its deadline already (a repeated order.created)
        }
    }

    @Override
    public void move(Deadline d) { table.put(item(d)); }

    private static ObjectNode item(Deadline d) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.deadline(d.tenantId(), d.kind(), d.orderId()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "deadline");
        o.put(Keys.GSI1PK, Keys.deadlineShard(Math.floorMod(d.orderId().hashCode(), SHARDS)));
        o.put(Keys.GSI1SK, String.format("%012d", d.dueAt().getEpochSecond()) + "#" + d.tenantId() + "#" + d.orderId());
        o.put("tenant_id", d.tenantId());
        o.put("order_id", d.orderId());
        o.put("kind", d.kind());
        o.put("due_at", Times.format(d.dueAt()));
        o.put("policy_id", d.policyId());
        return o;
    }

    @Override
    public void clear(String tenantId, String orderId, String kind) {
        table.delete(Keys.deadline(tenantId, kind, orderId), Keys.SINGLE);
    }

    @Override
    public List<Deadline> due(Instant now, int limit) {
        String upTo = String.format("%012d", now.getEpochSecond()) + "#~";
        List<Deadline> out = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            String shard = Keys.deadlineShard(s);
            table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.sortLessThanOrEqualTo(shard, upTo)).limit(limit).build())
                    .iterator().next().items().forEach(i -> out.add(fromItem(i)));
        }
        out.sort(Comparator.comparing(Deadline::dueAt));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static Deadline fromItem(JsonNode o) {
        return new Deadline(Shapes.text(o, "tenant_id"), Shapes.text(o, "order_id"), Shapes.text(o, "kind"),
                Times.parse(Shapes.text(o, "due_at")), Shapes.text(o, "policy_id"));
    }
}
