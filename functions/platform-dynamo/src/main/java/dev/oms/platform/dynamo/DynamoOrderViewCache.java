package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The materialized order views of the seller API ({@code GET /merchant/api/v1/domains/{domainId}/orders/{orderId}}):
 * one item per order, {@code T#{tenant}#MVIEW#{orderId} / A}, holding the rendered view, the order version it was
 * built from and {@code expires_at} (600 s; DynamoDB's TTL removes it, and a read ignores an expired one before that).
 *
 * <p>A hit is one consistent GetItem. Invalidation never deletes: it writes a <em>tombstone</em> carrying the new
 * order version (from the order's event on the table stream, {@code OrderViewInvalidator}, or from the seller API's
 * own writes at once). A view is only stored when no newer version was seen ({@code version <= :v}), so a reader
 * that built its view from an older order cannot put it back after the invalidation.
 */
public final class DynamoOrderViewCache {
    public static final Duration TTL = Duration.ofSeconds(600);

    private final SingleTable table;
    private final Clock clock;

    public DynamoOrderViewCache(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    static String key(String tenantId, String orderId) { return "T#" + tenantId + "#MVIEW#" + orderId; }

    /** The cached view, if one is stored and not expired (one GetItem). */
    public Optional<ObjectNode> get(String tenantId, String orderId) {
        return table.get(key(tenantId, orderId), Keys.SINGLE)
                .filter(i -> i.has("view") && i.path(Keys.TTL).asLong() > clock.instant().getEpochSecond())
                .map(i -> read(i.path("view").asText()));
    }

    /** Decimals come back as written ({@code 75.00} stays {@code 75.00}: trailing zeros are the currency's scale). */
    private static ObjectNode read(String view) {
        try {
            return (ObjectNode) Json.parseKeepingDecimalScale(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException("A cached order view does not parse", e);
        }
    }

    /** Stores the view of an order at {@code version}; false when a newer version is already known (the view is stale). */
    public boolean put(String tenantId, String orderId, long version, ObjectNode view) {
        ObjectNode item = base(tenantId, orderId, version);
        item.put("view", Json.write(view));
        return putIfNotOlder(item, version);
    }

    /** The order is at {@code version} now: any view of an older version is gone. */
    public void invalidate(String tenantId, String orderId, long version) {
        putIfNotOlder(base(tenantId, orderId, version), version);
    }

    private ObjectNode base(String tenantId, String orderId, long version) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, key(tenantId, orderId));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "order_view");
        item.put("version", version);
        item.put(Keys.TTL, clock.instant().plus(TTL).getEpochSecond());
        return item;
    }

    private boolean putIfNotOlder(ObjectNode item, long version) {
        Expression condition = Expression.builder().expression("attribute_not_exists(PK) OR #v < :v OR (#v = :v AND attribute_not_exists(#view))")
                .putExpressionName("#v", "version").putExpressionName("#view", "view")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(version))).build();
        try {
            table.put(item, condition);
            return true;
        } catch (ConditionalCheckFailedException newer) {
            return false;
        }
    }
}
