package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.PackingStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.pack.FulfilmentPacking;
import dev.oms.domain.warehouse.pack.PackStation;
import dev.oms.domain.warehouse.pack.PackedPackage;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Pack stations ({@code T#{tenant}#PACKSTATION#{id}}) and packing records ({@code T#{tenant}#PACKING#{fulfilmentId}}),
 * each item {@code A} with its events in its partition, and the trace links: {@code T#{tenant}#TRACE#SERIAL#{serial}}
 * with sort key the SKU (written only when absent: the serial's claim) and {@code T#{tenant}#TRACE#LOT#{lot}} with sort
 * key {@code {sku}#{fulfilment}#{consumption}}; one Query of a partition answers a serial's or a lot's links.
 */
public final class DynamoPackingStore implements PackingStore {
    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoPackingStore(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    static String stationKey(String tenant, String id) { return "T#" + tenant + "#PACKSTATION#" + id; }

    static String packingKey(String tenant, String fulfillmentId) { return "T#" + tenant + "#PACKING#" + fulfillmentId; }

    static String trace(String tenant, String kind, String value) {
        return "T#" + tenant + "#TRACE#" + (TraceLink.SERIAL.equals(kind) ? "SERIAL#" : "LOT#") + value;
    }

    @Override
    public Optional<PackStation> station(String tenantId, String stationId) {
        return table.get(stationKey(tenantId, stationId), Keys.SINGLE).map(DynamoPackingStore::stationOf);
    }

    @Override
    public void saveStation(String tenantId, PackStation next, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency) {
        String pk = stationKey(tenantId, next.id());
        ObjectNode item = Json.object();
        item.put(Keys.PK, pk).put(Keys.SK, Keys.SINGLE).put("type", "pack_station").put("id", next.id()).put("warehouse_id", next.warehouseId())
                .put("version", next.version()).put("updated_at", Times.format(next.updatedAt()));
        PackStation.Session s = next.session();
        if (s != null) {
            item.putObject("session").put("id", s.id()).put("holder", s.holder()).put("worker_id", s.workerId()).put("device_id", s.deviceId())
                    .put("opened_at", Times.format(s.openedAt()));
        }
        TableTransaction tx = table.transaction().put(item, next.version() == 1 ? AggregateWrites.isNew() : AggregateWrites.versionIs(next.version() - 1));
        AggregateWrites.addEvents(ids, tx, pk, tenantId, "pack_station", next.id(), next.version(), events, meta);
        AggregateWrites.commit(table, tx, idempotency);
    }

    static PackStation stationOf(JsonNode o) {
        JsonNode s = o.path("session");
        PackStation.Session session = s.isObject() ? new PackStation.Session(Shapes.text(s, "id"), Shapes.text(s, "holder"), Shapes.text(s, "worker_id"),
                Shapes.text(s, "device_id"), Times.parse(Shapes.text(s, "opened_at"))) : null;
        return new PackStation(Shapes.text(o, "id"), Shapes.text(o, "warehouse_id"), session, o.path("version").asLong(), Times.parse(Shapes.text(o, "updated_at")));
    }

    @Override
    public Optional<FulfilmentPacking> packing(String tenantId, String fulfillmentId) {
        return table.get(packingKey(tenantId, fulfillmentId), Keys.SINGLE).map(DynamoPackingStore::packingOf);
    }

    @Override
    public void savePacking(String tenantId, FulfilmentPacking next, List<DomainEvent> events, List<TraceLink> links, CommandMeta meta,
                            IdempotencyRecord idempotency) {
        String pk = packingKey(tenantId, next.fulfillmentId());
        ObjectNode item = json(next);
        item.put(Keys.PK, pk).put(Keys.SK, Keys.SINGLE).put("type", FulfilmentPacking.TYPE);
        TableTransaction tx = table.transaction().put(item, next.version() == 1 ? AggregateWrites.isNew() : AggregateWrites.versionIs(next.version() - 1));
        AggregateWrites.addEvents(ids, tx, pk, tenantId, FulfilmentPacking.TYPE, next.fulfillmentId(), next.version(), events, meta);
        int first = tx.size(); // the first trace link's place in the transaction (its cancellation reason's index)
        for (TraceLink l : links) {
            ObjectNode link = Json.object();
            boolean serial = TraceLink.SERIAL.equals(l.kind());
            link.put(Keys.PK, trace(tenantId, l.kind(), l.value()))
                    .put(Keys.SK, serial ? l.sku() : l.sku() + "#" + l.fulfillmentId() + "#" + l.reference())
                    .put("type", "trace_link").put("kind", l.kind()).put("value", l.value()).put("sku", l.sku()).put("fulfillment_id", l.fulfillmentId())
                    .put("order_id", l.orderId()).put("order_line_id", l.lineId()).put("quantity", l.quantity()).put("reference", l.reference())
                    .put("at", Times.format(l.at()));
            tx.put(link, AggregateWrites.isNew());
        }
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons() == null ? List.of() : e.cancellationReasons();
            if (!reasons.isEmpty() && failed(reasons.get(0))) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n()));
            }
            for (int i = 0; i < links.size(); i++) {
                TraceLink l = links.get(i);
                if (TraceLink.SERIAL.equals(l.kind()) && reasons.size() > first + i && failed(reasons.get(first + i))) {
                    throw DomainException.conflict("serial.already_assigned", "Serial " + l.value() + " of " + l.sku() + " is assigned to another unit",
                            "A serial number belongs to one unit of a SKU.").with("serial", l.value()).with("sku", l.sku());
                }
            }
            if (idempotency != null && reasons.size() > first + links.size() && failed(reasons.get(first + links.size()))) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }

    private static boolean failed(CancellationReason r) { return "ConditionalCheckFailed".equals(r.code()); }

    @Override
    public List<TraceLink> trace(String tenantId, String kind, String value, int limit) {
        List<TraceLink> out = new ArrayList<>();
        QueryRequest q = QueryRequest.builder().tableName(table.name()).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(trace(tenantId, kind, value)))).limit(limit).build();
        for (Map<String, AttributeValue> raw : table.client().query(q).items()) {
            JsonNode i = SingleTable.item(raw);
            out.add(new TraceLink(Shapes.text(i, "kind"), Shapes.text(i, "value"), Shapes.text(i, "sku"), Shapes.text(i, "fulfillment_id"),
                    Shapes.text(i, "order_id"), Shapes.text(i, "order_line_id"), i.path("quantity").asLong(), Shapes.text(i, "reference"),
                    Times.parse(Shapes.text(i, "at"))));
        }
        return out;
    }

    /** The packing record in the API's shape (also its stored attributes). */
    public static ObjectNode json(FulfilmentPacking p) {
        ObjectNode o = Json.object();
        o.put("fulfillment_id", p.fulfillmentId()).put("order_id", p.orderId()).put("warehouse_id", p.warehouseId());
        ArrayNode packages = o.putArray("packages");
        for (PackedPackage x : p.packages()) packages.add(packageJson(x));
        ArrayNode serials = o.putArray("serials");
        for (FulfilmentPacking.SerialAssignment s : p.serials()) {
            serials.addObject().put("order_line_id", s.lineId()).put("sku", s.sku()).put("serial", s.serial()).put("assigned_by", s.assignedBy())
                    .put("assigned_at", Times.format(s.assignedAt()));
        }
        ArrayNode lots = o.putArray("lots");
        for (FulfilmentPacking.LotConsumption l : p.lots()) lots.add(lotJson(l));
        o.put("version", p.version()).put("created_at", Times.format(p.createdAt())).put("updated_at", Times.format(p.updatedAt()));
        return o;
    }

    public static ObjectNode packageJson(PackedPackage x) {
        ObjectNode o = Json.object();
        o.put("id", x.id()).put("station_id", x.stationId()).put("session_id", x.sessionId()).put("status", x.status());
        ArrayNode items = o.putArray("items");
        for (PackedPackage.Item i : x.items()) {
            ObjectNode it = items.addObject().put("order_line_id", i.lineId()).put("sku", i.sku()).put("quantity", i.quantity());
            ArrayNode s = it.putArray("serials");
            i.serials().forEach(s::add);
        }
        if (x.weightGrams() == null) o.putNull("weight_grams");
        else o.put("weight_grams", x.weightGrams());
        if (x.dimensions() == null) o.putNull("dimensions");
        else o.putObject("dimensions").put("length_mm", x.dimensions().lengthMm()).put("width_mm", x.dimensions().widthMm()).put("height_mm", x.dimensions().heightMm());
        o.put("label_status", x.sealed() ? PackedPackage.LABEL_PENDING : null);
        o.put("packed_by", x.packedBy()).put("packed_at", Times.format(x.packedAt())).put("sealed_at", Times.format(x.sealedAt()));
        return o;
    }

    public static ObjectNode lotJson(FulfilmentPacking.LotConsumption l) {
        return Json.object().put("id", l.id()).put("order_line_id", l.lineId()).put("sku", l.sku()).put("warehouse_id", l.warehouseId())
                .put("location_id", l.locationId()).put("lot", l.lot()).put("expiry", l.expiry() == null ? null : l.expiry().toString())
                .put("quantity", l.quantity()).put("consumed_by", l.consumedBy()).put("consumed_at", Times.format(l.consumedAt()));
    }

    static FulfilmentPacking packingOf(JsonNode o) {
        List<PackedPackage> packages = new ArrayList<>();
        for (JsonNode x : o.path("packages")) {
            List<PackedPackage.Item> items = new ArrayList<>();
            for (JsonNode i : x.path("items")) {
                List<String> serials = new ArrayList<>();
                i.path("serials").forEach(n -> serials.add(n.asText()));
                items.add(new PackedPackage.Item(Shapes.text(i, "order_line_id"), Shapes.text(i, "sku"), i.path("quantity").asLong(), serials));
            }
            JsonNode d = x.path("dimensions");
            packages.add(new PackedPackage(Shapes.text(x, "id"), Shapes.text(x, "station_id"), Shapes.text(x, "session_id"), items,
                    x.path("weight_grams").isNumber() ? x.path("weight_grams").asInt() : null,
                    d.isObject() ? new PackedPackage.Dimensions(d.path("length_mm").asInt(), d.path("width_mm").asInt(), d.path("height_mm").asInt()) : null,
                    Shapes.text(x, "status"), Shapes.text(x, "packed_by"), Times.parse(Shapes.text(x, "packed_at")), Times.parse(Shapes.text(x, "sealed_at"))));
        }
        List<FulfilmentPacking.SerialAssignment> serials = new ArrayList<>();
        for (JsonNode s : o.path("serials")) {
            serials.add(new FulfilmentPacking.SerialAssignment(Shapes.text(s, "order_line_id"), Shapes.text(s, "sku"), Shapes.text(s, "serial"),
                    Shapes.text(s, "assigned_by"), Times.parse(Shapes.text(s, "assigned_at"))));
        }
        List<FulfilmentPacking.LotConsumption> lots = new ArrayList<>();
        for (JsonNode l : o.path("lots")) {
            String expiry = Shapes.text(l, "expiry");
            lots.add(new FulfilmentPacking.LotConsumption(Shapes.text(l, "id"), Shapes.text(l, "order_line_id"), Shapes.text(l, "sku"), Shapes.text(l, "warehouse_id"),
                    Shapes.text(l, "location_id"), Shapes.text(l, "lot"), expiry == null ? null : LocalDate.parse(expiry), l.path("quantity").asLong(),
                    Shapes.text(l, "consumed_by"), Times.parse(Shapes.text(l, "consumed_at"))));
        }
        return new FulfilmentPacking(Shapes.text(o, "fulfillment_id"), Shapes.text(o, "order_id"), Shapes.text(o, "warehouse_id"), packages, serials, lots,
                o.path("version").asLong(), Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")));
    }
}
