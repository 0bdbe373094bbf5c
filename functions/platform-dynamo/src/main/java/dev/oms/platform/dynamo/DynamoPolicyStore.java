package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.PolicyStore;
import dev.oms.domain.settings.Policy;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Policies under {@code T#{tenant}#POLICIES}: one Query lists them all; writes are guarded by {@code version}. */
public final class DynamoPolicyStore implements PolicyStore {
    private final SingleTable table;

    public DynamoPolicyStore(SingleTable table) { this.table = table; }

    @Override
    public List<Policy> list(String tenantId) {
        List<Policy> out = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.partition(Keys.policies(tenantId))).consistentRead(true).build())
                .items().forEach(i -> out.add(fromItem(i)));
        return out;
    }

    @Override
    public Optional<Policy> find(String tenantId, String policyId) {
        return table.get(Keys.policies(tenantId), Keys.policySk(policyId)).map(DynamoPolicyStore::fromItem);
    }

    @Override
    public void create(String tenantId, Policy policy, IdempotencyRecord idempotency) {
        write(tenantId, policy, Expression.of("attribute_not_exists(PK)"), idempotency);
    }

    @Override
    public void update(String tenantId, Policy policy, long expectedVersion, IdempotencyRecord idempotency) {
        write(tenantId, policy, Expression.builder().expression("version = :v")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build(), idempotency);
    }

    private void write(String tenantId, Policy policy, Expression condition, IdempotencyRecord idempotency) {
        TableTransaction tx = table.transaction().put(toItem(tenantId, policy), condition);
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n()));
            }
            if (idempotency != null && reasons != null && reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }

    static ObjectNode toItem(String tenantId, Policy p) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.policies(tenantId));
        o.put(Keys.SK, Keys.policySk(p.id()));
        o.put("type", "policy");
        o.put("id", p.id());
        o.put("policy_type", p.type());
        o.put("name", p.name());
        o.put("enabled", p.enabled());
        o.set("channels", Json.valueToTree(p.channels()));
        ObjectNode amounts = o.putObject("amounts");
        p.amounts().forEach(amounts::put);
        if (p.maxOrders() != null) o.put("max_orders", p.maxOrders());
        if (p.withinHours() != null) o.put("within_hours", p.withinHours());
        o.put("version", p.version());
        o.put("created_at", Times.format(p.createdAt()));
        o.put("created_by", p.createdBy());
        o.put("updated_at", Times.format(p.updatedAt()));
        o.put("updated_by", p.updatedBy());
        return o;
    }

    static Policy fromItem(JsonNode o) {
        List<String> channels = new ArrayList<>();
        o.path("channels").forEach(c -> channels.add(c.asText()));
        Map<String, Long> amounts = new LinkedHashMap<>();
        o.path("amounts").properties().forEach(e -> amounts.put(e.getKey(), e.getValue().asLong()));
        return new Policy(Shapes.text(o, "id"), Shapes.text(o, "policy_type"), Shapes.text(o, "name"), o.path("enabled").asBoolean(),
                channels, amounts, o.hasNonNull("max_orders") ? o.get("max_orders").asInt() : null,
                o.hasNonNull("within_hours") ? o.get("within_hours").asInt() : null, o.path("version").asLong(),
                Times.parse(Shapes.text(o, "created_at")), Shapes.text(o, "created_by"), Times.parse(Shapes.text(o, "updated_at")),
                Shapes.text(o, "updated_by"));
    }
}
