package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WebhookStore;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Webhook subscriptions (one partition per tenant, so the fan-out is one Query) and their delivery logs (one
 * partition per subscription, newest event first). Delivery items expire {@link #DELIVERY_LOG_DAYS} days after the
 * event (TTL).
 */
public final class DynamoWebhookStore implements WebhookStore {
    public static final int DELIVERY_LOG_DAYS = 30;

    private final SingleTable table;

    public DynamoWebhookStore(SingleTable table) { this.table = table; }

    // ---- subscriptions -------------------------------------------------------------------------------------------

    @Override
    public void createSubscription(WebhookSubscription s) {
        table.put(toItem(s), Expression.of("attribute_not_exists(PK)"));
    }

    @Override
    public Optional<WebhookSubscription> findSubscription(String tenantId, String webhookId) {
        return table.get(Keys.webhooks(tenantId), Keys.webhookSk(webhookId)).map(DynamoWebhookStore::subscription);
    }

    @Override
    public Page<WebhookSubscription> listSubscriptions(String tenantId, PageRequest page) {
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.partition(Keys.webhooks(tenantId))).limit(page.limit())
                .exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<WebhookSubscription> items = new ArrayList<>();
        result.items().forEach(i -> items.add(subscription(i)));
        return new Page<>(items, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public List<WebhookSubscription> activeSubscriptions(String tenantId) {
        Expression active = Expression.builder().expression("#state = :active").putExpressionName("#state", "state")
                .putExpressionValue(":active", AttributeValue.fromS(WebhookSubscription.ACTIVE)).build();
        return all(tenantId, active);
    }

    @Override
    public int countSubscriptions(String tenantId) { return all(tenantId, null).size(); }

    private List<WebhookSubscription> all(String tenantId, Expression filter) {
        List<WebhookSubscription> out = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.partition(Keys.webhooks(tenantId))).filterExpression(filter).build())
                .items().forEach(i -> out.add(subscription(i)));
        return out;
    }

    @Override
    public void updateSubscription(WebhookSubscription s, long expectedVersion) {
        try {
            table.put(toItem(s), atVersion(expectedVersion));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expectedVersion);
        }
    }

    @Override
    public void deleteSubscription(String tenantId, String webhookId, long expectedVersion) {
        try {
            table.delete(Keys.webhooks(tenantId), Keys.webhookSk(webhookId), atVersion(expectedVersion));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expectedVersion);
        }
    }

    // ---- deliveries ----------------------------------------------------------------------------------------------

    @Override
    public boolean createDelivery(WebhookDelivery d) {
        try {
            table.put(toItem(d), Expression.of("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String tenantId, String webhookId, String deliveryId) {
        return table.get(Keys.webhookDeliveries(tenantId, webhookId), Keys.deliverySk(deliveryId)).map(DynamoWebhookStore::delivery);
    }

    @Override
    public void updateDelivery(WebhookDelivery d, long expectedVersion) {
        try {
            table.put(toItem(d), atVersion(expectedVersion));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expectedVersion);
        }
    }

    /** Newest first; a {@code state} filter may leave a page short, with a cursor for the rest. */
    @Override
    public Page<WebhookDelivery> listDeliveries(String tenantId, String webhookId, String state, PageRequest page) {
        Expression filter = state == null ? null : Expression.builder().expression("#state = :state").putExpressionName("#state", "state")
                .putExpressionValue(":state", AttributeValue.fromS(state)).build();
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.partition(Keys.webhookDeliveries(tenantId, webhookId)))
                .scanIndexForward(false).limit(page.limit()).filterExpression(filter).exclusiveStartKey(Positions.decode(page.position())).build())
                .iterator().next();
        List<WebhookDelivery> items = new ArrayList<>();
        result.items().forEach(i -> items.add(delivery(i)));
        return new Page<>(items, Positions.encode(result.lastEvaluatedKey()));
    }

    // ---- items ---------------------------------------------------------------------------------------------------

    private static Expression atVersion(long version) {
        return Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(version))).build();
    }

    private static ObjectNode toItem(WebhookSubscription s) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.webhooks(s.tenantId()));
        o.put(Keys.SK, Keys.webhookSk(s.id()));
        o.put("type", "webhook");
        o.put("id", s.id());
        o.put("tenant_id", s.tenantId());
        o.put("url", s.url());
        ArrayNode events = o.putArray("events");
        s.events().forEach(events::add);
        o.put("description", s.description());
        o.put("secret", s.secret());
        o.put("previous_secret", s.previousSecret());
        o.put("previous_secret_expires_at", Times.format(s.previousSecretExpiresAt()));
        o.put("state", s.state());
        o.put("disabled_reason", s.disabledReason());
        o.put("created_at", Times.format(s.createdAt()));
        o.put("updated_at", Times.format(s.updatedAt()));
        o.put("version", s.version());
        return o;
    }

    private static WebhookSubscription subscription(JsonNode o) {
        List<String> events = new ArrayList<>();
        o.path("events").forEach(e -> events.add(e.asText()));
        return new WebhookSubscription(Shapes.text(o, "id"), Shapes.text(o, "tenant_id"), Shapes.text(o, "url"), events,
                Shapes.text(o, "description"), Shapes.text(o, "secret"), Shapes.text(o, "previous_secret"),
                Times.parse(Shapes.text(o, "previous_secret_expires_at")), Shapes.text(o, "state"), Shapes.text(o, "disabled_reason"),
                Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")), o.path("version").asLong());
    }

    private static ObjectNode toItem(WebhookDelivery d) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.webhookDeliveries(d.tenantId(), d.webhookId()));
        o.put(Keys.SK, Keys.deliverySk(d.id()));
        o.put("type", "webhook_delivery");
        o.put("id", d.id());
        o.put("tenant_id", d.tenantId());
        o.put("webhook_id", d.webhookId());
        o.put("event_id", d.eventId());
        o.put("event_type", d.eventType());
        o.put("order_id", d.orderId());
        o.put("payload", d.payload());
        o.put("state", d.state());
        o.put("attempts", d.attempts());
        o.put("last_status_code", d.lastStatusCode());
        o.put("last_error", d.lastError());
        o.put("next_attempt_at", Times.format(d.nextAttemptAt()));
        o.put("created_at", Times.format(d.createdAt()));
        o.put("updated_at", Times.format(d.updatedAt()));
        o.put("delivered_at", Times.format(d.deliveredAt()));
        o.put("version", d.version());
        o.put(Keys.TTL, d.createdAt().plus(Duration.ofDays(DELIVERY_LOG_DAYS)).getEpochSecond());
        return o;
    }

    private static WebhookDelivery delivery(JsonNode o) {
        return new WebhookDelivery(Shapes.text(o, "id"), Shapes.text(o, "tenant_id"), Shapes.text(o, "webhook_id"),
                Shapes.text(o, "event_id"), Shapes.text(o, "event_type"), Shapes.text(o, "order_id"), Shapes.text(o, "payload"),
                Shapes.text(o, "state"), o.path("attempts").asInt(), o.hasNonNull("last_status_code") ? o.get("last_status_code").asInt() : null,
                Shapes.text(o, "last_error"), Times.parse(Shapes.text(o, "next_attempt_at")), Times.parse(Shapes.text(o, "created_at")),
                Times.parse(Shapes.text(o, "updated_at")), Times.parse(Shapes.text(o, "delivered_at")), o.path("version").asLong());
    }
}
