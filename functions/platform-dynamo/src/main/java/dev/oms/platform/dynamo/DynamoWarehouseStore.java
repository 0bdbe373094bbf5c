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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.partition(WarehouseKeys.warehouses(tenantId)))
                .consistentRead(true).limit(page.limit()).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<Warehouse> out = new ArrayList<>();
        result.items().forEach(i -> out.add(fromItem(i)));
        return new Page<>(out, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public List<Warehouse> all(String tenantId) {
        List<Warehouse> out = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.partition(WarehouseKeys.warehouses(tenantId))).consistentRead(true).build())
                .items().forEach(i -> out.add(fromItem(i)));
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
        TableTransaction tx = table.transaction().put(item, AggregateWrites.isNew());
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
        TableTransaction tx = table.transaction();
        if (delete) tx.delete(WarehouseKeys.warehouses(tenantId), WarehouseKeys.warehouseSk(w.id()), condition);
        else tx.put(toItem(tenantId, w), condition);
        addEvent(tx, tenantId, w.id(), w.version(), event, meta);
        AggregateWrites.commit(table, tx, idempotency);
    }

    private void addEvent(TableTransaction tx, String tenantId, String warehouseId, long sequence, DomainEvent event, CommandMeta meta) {
        AggregateWrites.addEvents(ids, tx, WarehouseKeys.warehouse(tenantId, warehouseId), tenantId, "warehouse", warehouseId, sequence,
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
