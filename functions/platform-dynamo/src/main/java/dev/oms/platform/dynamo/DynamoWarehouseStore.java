package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WarehouseStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Warehouses under {@code T#{tenant}#WAREHOUSES} (one Query lists them), their events, workers and workstations in
 * the warehouse's own partition. Every write is one transaction: the warehouse (guarded by {@code version}), its event
 * item ({@link EventItemMapper#toAggregateItem}) and the idempotency record.
 */
public final class DynamoWarehouseStore implements WarehouseStore {
    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoWarehouseStore(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    @Override
    public Optional<Warehouse> find(String tenantId, String warehouseId) {
        return table.get(WarehouseKeys.warehouses(tenantId), WarehouseKeys.warehouseSk(warehouseId)).map(DynamoWarehouseStore::fromItem);
    }

    @Override
    public Page<Warehouse> list(String tenantId, PageRequest page) {
        QueryEnhancedRequest.Builder q = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(WarehouseKeys.warehouses(tenantId))))
                .consistentRead(true).limit(page.limit());
        Map<String, AttributeValue> start = Positions.decode(page.position());
        if (start != null) q.exclusiveStartKey(start);
        var result = table.table().query(q.build()).iterator().next();
        List<Warehouse> out = new ArrayList<>();
        result.items().forEach(d -> out.add(fromItem(SingleTable.item(d.toMap()))));
        return new Page<>(out, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public List<Warehouse> all(String tenantId) {
        List<Warehouse> out = new ArrayList<>();
        for (var page : table.table().query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(WarehouseKeys.warehouses(tenantId)))).consistentRead(true).build())) {
            page.items().forEach(d -> out.add(fromItem(SingleTable.item(d.toMap()))));
        }
        return out;
    }

    @Override
    public void create(String tenantId, Warehouse w, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency) {
        write(tenantId, w, AggregateWrites.isNew(), false, event, meta, idempotency);
    }

    @Override
    public void update(String tenantId, Warehouse w, long expectedVersion, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency) {
        write(tenantId, w, versionIs(expectedVersion), false, event, meta, idempotency);
    }

    @Override
    public void delete(String tenantId, Warehouse w, DomainEvent event, CommandMeta meta, IdempotencyRecord idempotency) {
        write(tenantId, w, versionIs(w.version()), true, event, meta, idempotency);
    }

    @Override
    public void addResource(String tenantId, Warehouse warehouse, String kind, String id, Map<String, Object> fields, DomainEvent event,
                            CommandMeta meta, IdempotencyRecord idempotency) {
        ObjectNode item = (ObjectNode) Json.valueToTree(fields);
        item.put(Keys.PK, WarehouseKeys.warehouse(tenantId, warehouse.id()));
        item.put(Keys.SK, WarehouseKeys.resourceSk(kind, id));
        if (fields.get("type") != null) item.put("resource_type", String.valueOf(fields.get("type"))); // the item's own type names the item kind
        item.put("type", "warehouse_" + kind);
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        tx.addPutItem(table.table(), AggregateWrites.put(item, AggregateWrites.isNew()));
        addEvent(tx, tenantId, warehouse.id(), warehouse.version(), event, meta);
        AggregateWrites.commit(table, tx, idempotency);
    }

    @Override
    public Optional<Map<String, Object>> resource(String tenantId, String warehouseId, String kind, String id) {
        return table.get(WarehouseKeys.warehouse(tenantId, warehouseId), WarehouseKeys.resourceSk(kind, id)).map(i -> {
            i.remove(List.of(Keys.PK, Keys.SK, "type"));
            if (i.has("resource_type")) i.set("type", i.remove("resource_type"));
            return Json.toMap(i);
        });
    }

    private static Expression versionIs(long v) { return AggregateWrites.versionIs(v); }

    private void write(String tenantId, Warehouse w, Expression condition, boolean delete, DomainEvent event, CommandMeta meta,
                       IdempotencyRecord idempotency) {
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        if (delete) {
            tx.addDeleteItem(table.table(), TransactDeleteItemEnhancedRequest.builder()
                    .key(SingleTable.key(WarehouseKeys.warehouses(tenantId), WarehouseKeys.warehouseSk(w.id())))
                    .conditionExpression(condition).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } else {
            tx.addPutItem(table.table(), AggregateWrites.put(toItem(tenantId, w), condition));
        }
        addEvent(tx, tenantId, w.id(), w.version(), event, meta);
        AggregateWrites.commit(table, tx, idempotency);
    }

    private void addEvent(TransactWriteItemsEnhancedRequest.Builder tx, String tenantId, String warehouseId, long sequence, DomainEvent event, CommandMeta meta) {
        AggregateWrites.addEvents(table, ids, tx, WarehouseKeys.warehouse(tenantId, warehouseId), tenantId, "warehouse", warehouseId, sequence,
                List.of(event), meta);
    }

    static ObjectNode toItem(String tenantId, Warehouse w) {
        ObjectNode o = json(w);
        o.put(Keys.PK, WarehouseKeys.warehouses(tenantId));
        o.put(Keys.SK, WarehouseKeys.warehouseSk(w.id()));
        o.put("type", "warehouse");
        return o;
    }

    /** The warehouse in the API's shape (also its stored shape). */
    public static ObjectNode json(Warehouse w) {
        ObjectNode o = Json.object();
        o.put("id", w.id());
        o.put("name", w.name());
        o.put("status", w.status());
        o.set("address", w.address() == null ? null : Shapes.address(w.address()));
        o.put("timezone", w.timezone());
        if (w.location() == null) o.putNull("location");
        else o.putObject("location").put("latitude", w.location().latitude()).put("longitude", w.location().longitude());
        w.serviceableRegions().forEach(o.putArray("serviceable_regions")::add);
        w.capabilities().forEach(o.putArray("capabilities")::add);
        ArrayNode cutoffs = o.putArray("cutoffs");
        for (Warehouse.Cutoff c : w.cutoffs()) cutoffs.addObject().put("carrier", c.carrier()).put("time", c.time().toString());
        ObjectNode hours = o.putObject("opening_hours");
        w.openingHours().forEach((day, h) -> hours.putObject(day).put("opens", h.opens().toString()).put("closes", h.closes().toString()));
        ArrayNode zones = o.putArray("zones");
        for (Warehouse.Zone z : w.zones()) zones.addObject().put("id", z.id()).put("name", z.name()).put("type", z.type());
        o.put("version", w.version());
        o.put("created_at", Times.format(w.createdAt()));
        o.put("created_by", w.createdBy());
        o.put("updated_at", Times.format(w.updatedAt()));
        o.put("updated_by", w.updatedBy());
        return o;
    }

    static Warehouse fromItem(JsonNode o) {
        List<String> regions = new ArrayList<>(), caps = new ArrayList<>();
        o.path("serviceable_regions").forEach(n -> regions.add(n.asText()));
        o.path("capabilities").forEach(n -> caps.add(n.asText()));
        List<Warehouse.Cutoff> cutoffs = new ArrayList<>();
        o.path("cutoffs").forEach(c -> cutoffs.add(new Warehouse.Cutoff(Shapes.text(c, "carrier"), LocalTime.parse(c.path("time").asText()))));
        Map<String, Warehouse.OpeningHours> hours = new LinkedHashMap<>();
        o.path("opening_hours").properties().forEach(e -> hours.put(e.getKey(),
                new Warehouse.OpeningHours(LocalTime.parse(e.getValue().path("opens").asText()), LocalTime.parse(e.getValue().path("closes").asText()))));
        List<Warehouse.Zone> zones = new ArrayList<>();
        o.path("zones").forEach(z -> zones.add(new Warehouse.Zone(Shapes.text(z, "id"), Shapes.text(z, "name"), Shapes.text(z, "type"))));
        JsonNode loc = o.path("location");
        return new Warehouse(Shapes.text(o, "id"), Shapes.text(o, "name"), Shapes.text(o, "status"), Shapes.address(o.get("address")),
                Shapes.text(o, "timezone"), loc.isObject() ? new Warehouse.Location(loc.path("latitude").asDouble(), loc.path("longitude").asDouble()) : null,
                regions, caps, cutoffs, hours, zones, o.path("version").asLong(), Times.parse(Shapes.text(o, "created_at")), Shapes.text(o, "created_by"),
                Times.parse(Shapes.text(o, "updated_at")), Shapes.text(o, "updated_by"));
    }
}
