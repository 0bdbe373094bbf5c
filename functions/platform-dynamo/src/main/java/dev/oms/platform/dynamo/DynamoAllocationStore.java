package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.AllocationStore;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.domain.warehouse.Allocation;
import dev.oms.domain.warehouse.AllocationPlan;
import dev.oms.domain.warehouse.AllocationStrategy;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Allocations under {@code T#{tenant}#ALLOCATION#{id}}: one item each, written under a {@code version} condition. */
public final class DynamoAllocationStore implements AllocationStore {
    private final SingleTable table;

    public DynamoAllocationStore(SingleTable table) { this.table = table; }

    @Override
    public Optional<Allocation> find(String tenantId, String allocationId) {
        return table.get(WarehouseKeys.allocation(tenantId, allocationId), Keys.SINGLE).map(DynamoAllocationStore::fromItem);
    }

    @Override
    public void create(String tenantId, Allocation a) {
        try {
            put(tenantId, a, Expression.of("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException exists) {
            // a retried request: the allocation it made first stands
        }
    }

    @Override
    public void update(String tenantId, Allocation a, long expectedVersion) {
        try {
            put(tenantId, a, Expression.builder().expression("version = :v")
                    .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(find(tenantId, a.id()).map(Allocation::version).orElse(0L));
        }
    }

    private void put(String tenantId, Allocation a, Expression condition) {
        table.put(toItem(tenantId, a), condition);
    }

    static ObjectNode toItem(String tenantId, Allocation a) {
        ObjectNode o = json(a);
        o.put(Keys.PK, WarehouseKeys.allocation(tenantId, a.id()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "allocation");
        return o;
    }

    /** The allocation in the API's shape (also its stored shape). */
    public static ObjectNode json(Allocation a) {
        ObjectNode o = Json.object();
        o.put("id", a.id());
        o.put("fulfillment_id", a.fulfillmentId());
        o.put("order_id", a.orderId());
        o.put("strategy", a.strategy().wire());
        o.put("status", a.status().wire());
        o.put("ship_date", a.shipDate().toString());
        ArrayNode lines = o.putArray("lines");
        for (Allocation.Line l : a.lines()) {
            ObjectNode x = lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("requested", l.requested()).put("allocated", l.allocated());
            ArrayNode picks = x.putArray("picks");
            for (AllocationPlan.Pick p : l.picks()) {
                picks.addObject().put("warehouse_id", p.warehouseId()).put("location_id", p.locationId()).put("lot", p.lot())
                        .put("expiry", p.expiry() == null ? null : p.expiry().toString()).put("quantity", p.quantity());
            }
            x.put("reason", l.reason());
        }
        o.put("pick_confirmation_id", a.pickConfirmationId());
        o.put("version", a.version());
        o.put("created_by", a.createdBy());
        o.put("created_at", Times.format(a.createdAt()));
        o.put("updated_at", Times.format(a.updatedAt()));
        return o;
    }

    static Allocation fromItem(JsonNode o) {
        List<Allocation.Line> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) {
            List<AllocationPlan.Pick> picks = new ArrayList<>();
            for (JsonNode p : l.path("picks")) {
                String expiry = Shapes.text(p, "expiry");
                picks.add(new AllocationPlan.Pick(Shapes.text(p, "warehouse_id"), Shapes.text(p, "location_id"), Shapes.text(p, "lot"),
                        expiry == null ? null : LocalDate.parse(expiry), p.path("quantity").asLong()));
            }
            lines.add(new Allocation.Line(Shapes.text(l, "line_id"), Shapes.text(l, "sku"), l.path("requested").asLong(), picks, Shapes.text(l, "reason")));
        }
        return new Allocation(Shapes.text(o, "id"), Shapes.text(o, "fulfillment_id"), Shapes.text(o, "order_id"),
                AllocationStrategy.fromWire(Shapes.text(o, "strategy")), Allocation.Status.fromWire(Shapes.text(o, "status")),
                LocalDate.parse(Shapes.text(o, "ship_date")), lines, Shapes.text(o, "pick_confirmation_id"), o.path("version").asLong(),
                Shapes.text(o, "created_by"), Times.parse(Shapes.text(o, "created_at")), Times.parse(Shapes.text(o, "updated_at")));
    }
}
