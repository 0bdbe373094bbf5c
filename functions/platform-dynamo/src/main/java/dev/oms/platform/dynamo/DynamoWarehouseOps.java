package dev.oms.platform.dynamo;

import dev.oms.app.port.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.WarehouseOpsStore;
import dev.oms.domain.warehouse.ops.ConnectorPush;
import dev.oms.domain.warehouse.ops.Device;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.domain.warehouse.ops.PackagingProfile;
import dev.oms.domain.warehouse.ops.RoutingRule;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link WarehouseOpsStore} on the single table ({@link WarehouseOpsKeys}): each write is one transaction of the item
 * (created with {@code attribute_not_exists(PK)}, changed with {@code version = :expected}), its event item
 * ({@link EventItemMapper#toAggregateItem}) and the idempotent response.
 */
public final class DynamoWarehouseOps implements WarehouseOpsStore {
    private final SingleTable table;

    public DynamoWarehouseOps(SingleTable table) { this.table = table; }

    @Override
    public List<RoutingRule> routingRules(String tenantId) { return list(tenantId, WarehouseOpsKeys.RULE, WarehouseOpsItems::rule); }

    @Override
    public void saveRoutingRule(String tenantId, RoutingRule rule, RecordedEvent event, IdempotencyRecord idempotency) {
        write(tenantId, WarehouseOpsKeys.RULE, "routing_rule", rule.id(), WarehouseOpsItems.rule(tenantId, rule), rule.version(), 0, event, idempotency);
    }

    @Override
    public List<PackagingProfile> packagingProfiles(String tenantId) { return list(tenantId, WarehouseOpsKeys.PROFILE, WarehouseOpsItems::profile); }

    @Override
    public Optional<PackagingProfile> packagingProfile(String tenantId, String profileId) {
        return table.get(WarehouseOpsKeys.config(tenantId), WarehouseOpsKeys.sk(WarehouseOpsKeys.PROFILE, profileId)).map(WarehouseOpsItems::profile);
    }

    @Override
    public void savePackagingProfile(String tenantId, PackagingProfile profile, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency) {
        write(tenantId, WarehouseOpsKeys.PROFILE, "packaging_profile", profile.id(), WarehouseOpsItems.profile(tenantId, profile), profile.version(),
                expectedVersion, event, idempotency);
    }

    @Override
    public Optional<Device> device(String tenantId, String deviceId) {
        return table.get(WarehouseOpsKeys.config(tenantId), WarehouseOpsKeys.sk(WarehouseOpsKeys.DEVICE, deviceId)).map(WarehouseOpsItems::device);
    }

    @Override
    public void saveDevice(String tenantId, Device device, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency) {
        write(tenantId, WarehouseOpsKeys.DEVICE, "device", device.id(), WarehouseOpsItems.device(tenantId, device), device.version(), expectedVersion,
                event, idempotency);
    }

    @Override
    public List<FulfilmentConnector> fulfilmentConnectors(String tenantId) {
        return list(tenantId, WarehouseOpsKeys.CONNECTOR, WarehouseOpsItems::connector);
    }

    @Override
    public Optional<FulfilmentConnector> fulfilmentConnector(String tenantId, String connectorId) {
        return table.get(WarehouseOpsKeys.config(tenantId), WarehouseOpsKeys.sk(WarehouseOpsKeys.CONNECTOR, connectorId)).map(WarehouseOpsItems::connector);
    }

    @Override
    public void saveFulfilmentConnector(String tenantId, FulfilmentConnector c, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency) {
        write(tenantId, WarehouseOpsKeys.CONNECTOR, "fulfillment_connector", c.id(), WarehouseOpsItems.connector(tenantId, c), c.version(),
                expectedVersion, event, idempotency);
    }

    @Override
    public Optional<ConnectorPush> connectorPush(String tenantId, String connectorId, String fulfillmentId) {
        return table.get(WarehouseOpsKeys.config(tenantId), WarehouseOpsKeys.sk(WarehouseOpsKeys.PUSH, connectorId + "#" + fulfillmentId))
                .map(WarehouseOpsItems::push);
    }

    @Override
    public boolean recordConnectorPush(String tenantId, ConnectorPush push, RecordedEvent event) {
        try {
            write(tenantId, WarehouseOpsKeys.PUSH, "fulfillment_connector_push", push.connectorId() + "#" + push.fulfillmentId(),
                    WarehouseOpsItems.push(tenantId, push), 1, 0, event, null);
            return true;
        } catch (ConcurrentUpdateException alreadyPushed) {
            return false;
        }
    }

    private <T> List<T> list(String tenantId, String kind, Function<JsonNode, T> read) {
        List<T> out = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(WarehouseOpsKeys.config(tenantId), kind)).consistentRead(true).build())
                .items().forEach(i -> out.add(read.apply(i)));
        return out;
    }

    private void write(String tenantId, String kind, String aggregateType, String id, ObjectNode item, long version, long expectedVersion,
                       RecordedEvent event, IdempotencyRecord idempotency) {
        Expression condition = expectedVersion == 0 ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build();
        TableTransaction tx = table.transaction().put(item, condition);
        ObjectNode eventItem = EventItemMapper.toAggregateItem(WarehouseOpsKeys.events(tenantId, kind, id), event.eventId(), tenantId, aggregateType,
                id, version, event.event(), event.meta());
        tx.put(eventItem);
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n()));
            }
            if (idempotency != null && reasons != null && reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }

    /** The items' shapes; ids and times as the API shows them. */
    static final class WarehouseOpsItems {
        private WarehouseOpsItems() { }

        static ObjectNode rule(String tenantId, RoutingRule r) {
            ObjectNode o = base(tenantId, WarehouseOpsKeys.RULE, r.id(), "routing_rule", r.version());
            o.put("name", r.name());
            o.put("priority", r.priority());
            o.put("enabled", r.enabled());
            o.set("destination_countries", Json.valueToTree(r.destinationCountries()));
            o.set("skus", Json.valueToTree(r.skus()));
            o.set("service_levels", Json.valueToTree(r.serviceLevels()));
            if (r.maxWeightGrams() != null) o.put("max_weight_grams", r.maxWeightGrams());
            o.put("warehouse_id", r.warehouseId());
            if (r.carrier() != null) o.put("carrier", r.carrier());
            o.put("created_at", Times.format(r.createdAt()));
            o.put("created_by", r.createdBy());
            return o;
        }

        static RoutingRule rule(JsonNode o) {
            return new RoutingRule(Shapes.text(o, "id"), Shapes.text(o, "name"), o.path("priority").asInt(), o.path("enabled").asBoolean(),
                    strings(o.path("destination_countries")), strings(o.path("skus")), strings(o.path("service_levels")),
                    o.hasNonNull("max_weight_grams") ? o.get("max_weight_grams").asLong() : null, Shapes.text(o, "warehouse_id"),
                    Shapes.text(o, "carrier"), o.path("version").asLong(), Times.parse(Shapes.text(o, "created_at")), Shapes.text(o, "created_by"));
        }

        static ObjectNode profile(String tenantId, PackagingProfile p) {
            ObjectNode o = base(tenantId, WarehouseOpsKeys.PROFILE, p.id(), "packaging_profile", p.version());
            o.put("name", p.name());
            if (p.warehouseId() != null) o.put("warehouse_id", p.warehouseId());
            o.put("length_mm", p.lengthMm());
            o.put("width_mm", p.widthMm());
            o.put("height_mm", p.heightMm());
            o.put("max_weight_grams", p.maxWeightGrams());
            o.put("active", p.active());
            o.put("created_at", Times.format(p.createdAt()));
            o.put("updated_at", Times.format(p.updatedAt()));
            o.put("updated_by", p.updatedBy());
            return o;
        }

        static PackagingProfile profile(JsonNode o) {
            return new PackagingProfile(Shapes.text(o, "id"), Shapes.text(o, "name"), Shapes.text(o, "warehouse_id"), o.path("length_mm").asInt(),
                    o.path("width_mm").asInt(), o.path("height_mm").asInt(), o.path("max_weight_grams").asLong(), o.path("active").asBoolean(),
                    o.path("version").asLong(), Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")),
                    Shapes.text(o, "updated_by"));
        }

        static ObjectNode device(String tenantId, Device d) {
            ObjectNode o = base(tenantId, WarehouseOpsKeys.DEVICE, d.id(), "device", d.version());
            o.put("warehouse_id", d.warehouseId());
            o.put("kind", d.kind());
            if (d.name() != null) o.put("name", d.name());
            o.put("status", d.status());
            o.put("registered_at", Times.format(d.registeredAt()));
            o.put("registered_by", d.registeredBy());
            return o;
        }

        static Device device(JsonNode o) {
            return new Device(Shapes.text(o, "id"), Shapes.text(o, "warehouse_id"), Shapes.text(o, "kind"), Shapes.text(o, "name"),
                    Shapes.text(o, "status"), o.path("version").asLong(), Times.parse(Shapes.text(o, "registered_at")), Shapes.text(o, "registered_by"));
        }

        static ObjectNode connector(String tenantId, FulfilmentConnector c) {
            ObjectNode o = base(tenantId, WarehouseOpsKeys.CONNECTOR, c.id(), "fulfillment_connector", c.version());
            o.put("name", c.name());
            o.put("connector_type", c.type());
            o.put("adapter", c.adapter());
            o.put("warehouse_id", c.warehouseId());
            o.set("settings", Json.valueToTree(c.settings()));
            o.set("secrets", Json.valueToTree(c.secrets()));
            o.put("priority", c.priority());
            o.put("enabled", c.enabled());
            o.put("status", c.status());
            o.put("created_at", Times.format(c.createdAt()));
            o.put("updated_at", Times.format(c.updatedAt()));
            o.put("updated_by", c.updatedBy());
            return o;
        }

        static FulfilmentConnector connector(JsonNode o) {
            return new FulfilmentConnector(Shapes.text(o, "id"), Shapes.text(o, "name"), Shapes.text(o, "connector_type"), Shapes.text(o, "adapter"),
                    Shapes.text(o, "warehouse_id"), stringMap(o.path("settings")), stringMap(o.path("secrets")), o.path("priority").asInt(),
                    o.path("enabled").asBoolean(), Shapes.text(o, "status"), o.path("version").asLong(), Times.parse(Shapes.text(o, "created_at")),
                    Times.parse(Shapes.text(o, "updated_at")), Shapes.text(o, "updated_by"));
        }

        static ObjectNode push(String tenantId, ConnectorPush p) {
            ObjectNode o = base(tenantId, WarehouseOpsKeys.PUSH, p.connectorId() + "#" + p.fulfillmentId(), "fulfillment_connector_push", 1);
            o.put("connector_id", p.connectorId());
            o.put("fulfillment_id", p.fulfillmentId());
            o.put("order_id", p.orderId());
            o.put("warehouse_id", p.warehouseId());
            o.put("provider_reference", p.providerReference());
            o.put("job_id", p.jobId());
            o.put("pushed_at", Times.format(p.pushedAt()));
            o.put("pushed_by", p.pushedBy());
            return o;
        }

        static ConnectorPush push(JsonNode o) {
            return new ConnectorPush(Shapes.text(o, "connector_id"), Shapes.text(o, "fulfillment_id"), Shapes.text(o, "order_id"),
                    Shapes.text(o, "warehouse_id"), Shapes.text(o, "provider_reference"), Shapes.text(o, "job_id"),
                    Times.parse(Shapes.text(o, "pushed_at")), Shapes.text(o, "pushed_by"));
        }

        private static Map<String, String> stringMap(JsonNode o) {
            Map<String, String> out = new java.util.TreeMap<>();
            o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        private static ObjectNode base(String tenantId, String kind, String id, String type, long version) {
            ObjectNode o = Json.object();
            o.put(Keys.PK, WarehouseOpsKeys.config(tenantId));
            o.put(Keys.SK, WarehouseOpsKeys.sk(kind, id));
            o.put("type", type);
            o.put("id", id);
            o.put("version", version);
            return o;
        }

        private static List<String> strings(JsonNode a) {
            List<String> out = new ArrayList<>();
            a.forEach(n -> out.add(n.asText()));
            return out;
        }
    }
}
