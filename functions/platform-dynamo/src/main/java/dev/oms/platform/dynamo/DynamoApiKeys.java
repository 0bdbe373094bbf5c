package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.keys.ApiKey;
import dev.oms.app.keys.ApiKeyStore;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainEvent;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * API keys: {@code PK = APIKEY#{keyId}}, {@code SK = A} (found by the id a presented secret carries, before the tenant
 * is known), listed per tenant on GSI1 ({@code T#t#APIKEYS}, newest first). The item holds the secret's SHA-256,
 * never the secret. The event {@code api_key.created} is written in the same transaction, under the key's partition.
 */
public final class DynamoApiKeys implements ApiKeyStore {
    private final SingleTable table;

    public DynamoApiKeys(SingleTable table) { this.table = table; }

    @Override
    public void create(ApiKey key, String eventId, CommandMeta meta) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key_id", key.id());
        data.put("name", key.name());
        data.put("prefix", key.prefix());
        data.put("roles", List.copyOf(new TreeSet<>(key.roles())));
        data.put("expires_at", Times.format(key.expiresAt()));
        if (key.warehouseId() != null) data.put("warehouse_id", key.warehouseId());
        if (key.deviceId() != null) data.put("device_id", key.deviceId());
        ObjectNode event = EventItemMapper.toAggregateItem(Keys.apiKey(key.id()), eventId, key.tenantId(), "api_key", key.id(), 1,
                DomainEvent.of("api_key.created", data), meta);
        table.transact(table.transaction().put(toItem(key), Expression.of("attribute_not_exists(PK)")).put(event));
    }

    @Override
    public boolean revoke(ApiKey revoked, String eventId, CommandMeta meta) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key_id", revoked.id());
        data.put("prefix", revoked.prefix());
        data.put("revoked_at", Times.format(revoked.revokedAt()));
        ObjectNode event = EventItemMapper.toAggregateItem(Keys.apiKey(revoked.id()), eventId, revoked.tenantId(), "api_key", revoked.id(), 2,
                DomainEvent.of("api_key.revoked", data), meta);
        TableTransaction tx = table.transaction()
                .put(toItem(revoked), Expression.of("attribute_exists(PK) AND attribute_not_exists(revoked_at)")).put(event);
        try {
            table.transact(tx);
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().isEmpty() || !"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) throw e;
            return false;
        }
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return table.get(Keys.apiKey(keyId), Keys.SINGLE).map(DynamoApiKeys::fromItem);
    }

    @Override
    public Page<ApiKey> list(String tenantId, PageRequest page) {
        var result = table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(Keys.apiKeys(tenantId)))
                .scanIndexForward(false).limit(page.limit()).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<ApiKey> keys = new ArrayList<>();
        result.items().forEach(i -> keys.add(fromItem(i)));
        return new Page<>(keys, Positions.encode(result.lastEvaluatedKey()));
    }

    static ObjectNode toItem(ApiKey k) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.apiKey(k.id()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "api_key");
        o.put(Keys.GSI1PK, Keys.apiKeys(k.tenantId()));
        o.put(Keys.GSI1SK, Keys.createdSk(Times.format(k.createdAt()), k.id()));
        o.put("id", k.id());
        o.put("tenant_id", k.tenantId());
        o.put("name", k.name());
        o.put("secret_sha256", k.secretHash());
        new TreeSet<>(k.roles()).forEach(o.putArray("roles")::add);
        o.put("created_by", k.createdBy());
        o.put("created_at", Times.format(k.createdAt()));
        o.put("expires_at", Times.format(k.expiresAt()));
        if (k.revokedAt() != null) o.put("revoked_at", Times.format(k.revokedAt()));
        if (k.warehouseId() != null) o.put("warehouse_id", k.warehouseId());
        if (k.deviceId() != null) o.put("device_id", k.deviceId());
        if (k.lastUsedAt() != null) o.put("last_used_at", Times.format(k.lastUsedAt()));
        return o;
    }

    /** One conditional UpdateItem: {@code last_used_at} moves forward only when the recorded one is older than {@code unlessSince}. */
    @Override
    public void recordUse(String keyId, java.time.Instant at, java.time.Instant unlessSince) {
        try {
            table.client().updateItem(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().tableName(table.name())
                    .key(SingleTable.primaryKey(Keys.apiKey(keyId), Keys.SINGLE))
                    .updateExpression("SET last_used_at = :at")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(last_used_at) OR last_used_at < :since)")
                    .expressionAttributeValues(java.util.Map.of(":at", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(Times.format(at)),
                            ":since", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(Times.format(unlessSince))))
                    .build());
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyRecent) {
            // another request recorded a use within the precision: nothing to do
        }
    }

    static ApiKey fromItem(JsonNode o) {
        List<String> roles = new ArrayList<>();
        o.path("roles").forEach(r -> roles.add(r.asText()));
        String revoked = Shapes.text(o, "revoked_at");
        return new ApiKey(Shapes.text(o, "id"), Shapes.text(o, "tenant_id"), Shapes.text(o, "name"), Shapes.text(o, "secret_sha256"),
                java.util.Set.copyOf(roles), Shapes.text(o, "created_by"), Times.parse(Shapes.text(o, "created_at")),
                Times.parse(Shapes.text(o, "expires_at")), revoked == null ? null : Times.parse(revoked),
                Shapes.text(o, "warehouse_id"), Shapes.text(o, "device_id"), Times.parse(Shapes.text(o, "last_used_at")));
    }
}
