package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.PicklistStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.warehouse.Picklist;
import dev.oms.domain.warehouse.ScanBatch;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pick lists under {@code T#{tenant}#PICKLIST#{id}} (the item, {@code A}, and its events): one GetItem to read, one transaction to write. */
public final class DynamoPicklistStore implements PicklistStore {
    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoPicklistStore(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    @Override
    public Optional<Picklist> find(String tenantId, String picklistId) {
        return table.get(WarehouseKeys.picklist(tenantId, picklistId), Keys.SINGLE).map(DynamoPicklistStore::fromItem);
    }

    @Override
    public void create(String tenantId, Picklist p, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency) {
        write(tenantId, p, AggregateWrites.isNew(), events, meta, idempotency);
    }

    @Override
    public void update(String tenantId, Picklist p, long expectedVersion, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency) {
        write(tenantId, p, AggregateWrites.versionIs(expectedVersion), events, meta, idempotency);
    }

    private void write(String tenantId, Picklist p, Expression condition, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency) {
        String pk = WarehouseKeys.picklist(tenantId, p.id());
        ObjectNode item = json(p);
        item.put(Keys.PK, pk);
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "picklist");
        ObjectNode scans = item.putObject("scans");
        p.scans().forEach((id, r) -> scans.putObject(id).put("outcome", r.outcome().wire()).put("line_id", r.lineId()));
        TableTransaction tx = table.transaction().put(item, condition);
        AggregateWrites.addEvents(ids, tx, pk, tenantId, "picklist", p.id(), p.version(), events, meta);
        AggregateWrites.commit(table, tx, idempotency);
    }

    /** The pick list in the API's shape (stored with the outcomes of its scans besides, for replays). */
    public static ObjectNode json(Picklist p) {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("warehouse_id", p.warehouseId());
        o.put("zone", p.zone());
        o.put("priority", p.priority());
        o.put("status", p.status().wire());
        p.fulfillmentIds().forEach(o.putArray("fulfillment_ids")::add);
        ArrayNode lines = o.putArray("lines");
        for (Picklist.Line l : p.lines()) {
            ObjectNode x = lines.addObject().put("id", l.id()).put("fulfillment_id", l.fulfillmentId()).put("order_id", l.orderId())
                    .put("allocation_id", l.allocationId()).put("order_line_id", l.orderLineId()).put("sku", l.sku()).put("location_id", l.locationId())
                    .put("lot", l.lot()).put("serial_tracked", l.serialTracked()).put("quantity", l.quantity()).put("picked", l.picked());
            l.serials().forEach(x.putArray("serials")::add);
            if (l.serials().isEmpty()) x.putArray("serials");
            x.put("short_quantity", l.shortQuantity()).put("short_reason", l.shortReason());
        }
        o.put("worker_id", p.workerId());
        o.put("device_id", p.deviceId());
        o.put("pick_confirmation_id", p.pickConfirmationId());
        ArrayNode rebins = o.putArray("rebins");
        for (Picklist.Rebin r : p.rebins()) {
            rebins.addObject().put("line_id", r.lineId()).put("sku", r.sku()).put("quantity", r.quantity()).put("from_location", r.fromLocation())
                    .put("to_location", r.toLocation()).put("reason", r.reason()).put("at", Times.format(r.at()));
        }
        o.put("version", p.version());
        o.put("created_by", p.createdBy());
        o.put("created_at", Times.format(p.createdAt()));
        o.put("updated_at", Times.format(p.updatedAt()));
        o.put("started_at", Times.format(p.startedAt()));
        o.put("completed_at", Times.format(p.completedAt()));
        return o;
    }

    static Picklist fromItem(JsonNode o) {
        List<String> fids = new ArrayList<>();
        o.path("fulfillment_ids").forEach(n -> fids.add(n.asText()));
        List<Picklist.Line> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) {
            List<String> serials = new ArrayList<>();
            l.path("serials").forEach(n -> serials.add(n.asText()));
            lines.add(new Picklist.Line(Shapes.text(l, "id"), Shapes.text(l, "fulfillment_id"), Shapes.text(l, "order_id"), Shapes.text(l, "allocation_id"),
                    Shapes.text(l, "order_line_id"), Shapes.text(l, "sku"), Shapes.text(l, "location_id"), Shapes.text(l, "lot"),
                    l.path("serial_tracked").asBoolean(), l.path("quantity").asLong(), l.path("picked").asLong(), serials, Shapes.text(l, "short_reason"),
                    l.path("short_quantity").asLong()));
        }
        Map<String, ScanBatch.Result> scans = new LinkedHashMap<>();
        o.path("scans").properties().forEach(e -> scans.put(e.getKey(), new ScanBatch.Result(e.getKey(),
                ScanBatch.Outcome.valueOf(e.getValue().path("outcome").asText().toUpperCase(java.util.Locale.ROOT)), Shapes.text(e.getValue(), "line_id"), false)));
        List<Picklist.Rebin> rebins = new ArrayList<>();
        for (JsonNode r : o.path("rebins")) {
            rebins.add(new Picklist.Rebin(Shapes.text(r, "line_id"), Shapes.text(r, "sku"), r.path("quantity").asLong(), Shapes.text(r, "from_location"),
                    Shapes.text(r, "to_location"), Shapes.text(r, "reason"), Times.parse(Shapes.text(r, "at"))));
        }
        return new Picklist(Shapes.text(o, "id"), Shapes.text(o, "warehouse_id"), Shapes.text(o, "zone"), Shapes.text(o, "priority"),
                Picklist.Status.fromWire(Shapes.text(o, "status")), fids, lines, Shapes.text(o, "worker_id"), Shapes.text(o, "device_id"),
                Shapes.text(o, "pick_confirmation_id"), scans, rebins, o.path("version").asLong(), Shapes.text(o, "created_by"),
                Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")), Times.parse(Shapes.text(o, "started_at")),
                Times.parse(Shapes.text(o, "completed_at")));
    }
}
