package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.guest.GuestChallenge;
import dev.oms.app.guest.GuestChallengeStore;
import dev.oms.app.guest.OrderNumbers;
import dev.oms.platform.json.Json;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The guest lookup's items: the order-number reference ({@code T#{tenant}#ORDERNUMBER#{n}}, written with the order)
 * and the challenges ({@code T#{tenant}#GUEST#{key}}, removed by TTL an hour after they expire).
 */
public final class GuestLookupItems implements GuestChallengeStore, OrderNumbers {
    private final SingleTable table;

    public GuestLookupItems(SingleTable table) { this.table = table; }

    public static String orderNumber(String tenant, long number) { return "T#" + tenant + "#ORDERNUMBER#" + number; }

    static String challenge(String tenant, String key) { return "T#" + tenant + "#GUEST#" + key; }

    /** The reference item the order's create transaction writes. */
    static ObjectNode orderNumberItem(String tenant, long number, String orderId) {
        ObjectNode ref = Json.object();
        ref.put(Keys.PK, orderNumber(tenant, number));
        ref.put(Keys.SK, Keys.SINGLE);
        ref.put("type", "order_number");
        ref.put("order_id", orderId);
        return ref;
    }

    @Override
    public Optional<String> orderIdOf(String tenantId, long number) {
        return table.get(orderNumber(tenantId, number), Keys.SINGLE).map(i -> i.path("order_id").asText());
    }

    @Override
    public void put(String tenantId, GuestChallenge c) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, challenge(tenantId, c.key()));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "guest_challenge");
        if (c.orderId() != null) item.put("order_id", c.orderId());
        item.put("code_hash", c.codeHash());
        item.put("valid_until", c.expiresAtEpochSecond());
        item.put("attempts", c.attempts());
        item.put("used", c.used());
        item.put(Keys.TTL, c.expiresAtEpochSecond() + 3600);
        table.put(item);
    }

    @Override
    public Optional<GuestChallenge> find(String tenantId, String key) {
        return table.get(challenge(tenantId, key), Keys.SINGLE).map(i -> new GuestChallenge(key,
                i.hasNonNull("order_id") ? i.get("order_id").asText() : null, i.path("code_hash").asText(),
                i.path("valid_until").asLong(), i.path("attempts").asInt(), i.path("used").asBoolean()));
    }

    @Override
    public void recordFailedAttempt(String tenantId, String key) {
        try {
            table.client().updateItem(r -> r.tableName(table.name()).key(key(tenantId, key))
                    .updateExpression("ADD attempts :one").conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException gone) {
            // expired and removed meanwhile: nothing to count
        }
    }

    @Override
    public boolean consume(String tenantId, String key) {
        try {
            table.client().updateItem(r -> r.tableName(table.name()).key(key(tenantId, key))
                    .updateExpression("SET used = :yes")
                    .conditionExpression("attribute_exists(PK) AND used = :no AND attempts < :max")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":no", AttributeValue.fromBool(false),
                            ":max", AttributeValue.fromN(Integer.toString(GuestChallenge.MAX_ATTEMPTS)))));
            return true;
        } catch (ConditionalCheckFailedException someoneElse) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, String key) {
        return SingleTable.primaryKey(challenge(tenantId, key), Keys.SINGLE);
    }
}
