package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.QueueLeases;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Queue leases: {@code PK = T#t#QUEUE#{queueId}#LEASE#{itemId}}, {@code SK = A}, with the claimer, the times and the
 * expiry in epoch milliseconds ({@code lease_until}) for the condition; the item's TTL removes it a day after expiry.
 * One PutItem with {@code attribute_not_exists(PK) OR lease_until < :now OR claimed_by = :me} takes a lease.
 */
public final class DynamoQueueLeases implements QueueLeases {
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);
    private final SingleTable table;

    public DynamoQueueLeases(SingleTable table) { this.table = table; }

    @Override
    public Outcome claim(String tenantId, Lease lease) {
        ObjectNode o = Json.object();
        String pk = Keys.queueLease(tenantId, lease.queueId(), lease.itemId());
        o.put(Keys.PK, pk);
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "queue_lease");
        o.put("queue_id", lease.queueId());
        o.put("item_id", lease.itemId());
        o.put("claimed_by", lease.claimedBy());
        o.put("claimed_at", Times.format(lease.claimedAt()));
        o.put("expires", Times.format(lease.expiresAt()));
        o.put("lease_until", lease.expiresAt().toEpochMilli());
        o.put(Keys.TTL, lease.expiresAt().plus(KEEP_AFTER_EXPIRY).getEpochSecond());
        Expression condition = Expression.builder()
                .expression("attribute_not_exists(PK) OR lease_until < :now OR claimed_by = :me")
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(lease.claimedAt().toEpochMilli())))
                .putExpressionValue(":me", AttributeValue.fromS(lease.claimedBy()))
                .build();
        try {
            table.put(o, condition);
            return new Outcome(true, lease);
        } catch (ConditionalCheckFailedException held) {
            // the refusal carries the lease that holds the item (the put asks for it): no second read
            return new Outcome(false, held.hasItem() && !held.item().isEmpty() ? fromItem(SingleTable.item(held.item())) : null);
        }
    }

    @Override
    public java.util.Optional<Lease> find(String tenantId, String queueId, String itemId) {
        return table.get(Keys.queueLease(tenantId, queueId, itemId), Keys.SINGLE).map(DynamoQueueLeases::fromItem);
    }

    private static Lease fromItem(JsonNode o) {
        return new Lease(Shapes.text(o, "queue_id"), Shapes.text(o, "item_id"), Shapes.text(o, "claimed_by"),
                Times.parse(Shapes.text(o, "claimed_at")), Times.parse(Shapes.text(o, "expires")));
    }
}
