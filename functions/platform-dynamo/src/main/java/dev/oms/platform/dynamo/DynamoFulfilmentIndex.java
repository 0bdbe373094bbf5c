package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.FulfilmentIndex;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Fulfillment;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * The fulfilment items' own index attributes, set each time an order writes a fulfilment: GSI1 lists the tenant's
 * fulfilments newest first, GSI2 (sparse) the open ones of each warehouse.
 */
public final class DynamoFulfilmentIndex implements FulfilmentIndex {
    private final SingleTable table;

    public DynamoFulfilmentIndex(SingleTable table) { this.table = table; }

    /** Adds the index attributes to a fulfilment item about to be written. */
    static void index(ObjectNode item, String tenant, Fulfillment f) {
        String sk = Keys.createdSk(Times.format(f.createdAt()), f.id());
        item.put(Keys.GSI1PK, WarehouseKeys.fulfilments(tenant));
        item.put(Keys.GSI1SK, sk);
        if (f.warehouseId() != null && f.warehouseStatus().isOpen()) {
            item.put(Keys.GSI2PK, WarehouseKeys.openFulfilments(tenant, f.warehouseId()));
            item.put(Keys.GSI2SK, sk);
        }
        item.put("warehouse_status", f.warehouseStatus().wire());
    }

    @Override
    public Page<Entry> list(String tenantId, PageRequest page) {
        var result = table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(WarehouseKeys.fulfilments(tenantId)))
                .scanIndexForward(false).limit(page.limit()).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<Entry> out = new ArrayList<>();
        result.items().forEach(i -> out.add(new Entry(Shapes.text(i, "id"), Shapes.text(i, "order_id"), Shapes.text(i, "warehouse_id"),
                Shapes.text(i, "warehouse_status"), Times.parse(Shapes.text(i, "created_at")))));
        return new Page<>(out, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public List<Open> open(String tenantId, String warehouseId, int max) {
        List<Open> out = new ArrayList<>();
        for (ObjectNode i : table.query(TableQuery.builder().index(Keys.GSI2)
                .keyCondition(KeyCondition.partition(WarehouseKeys.openFulfilments(tenantId, warehouseId))).build()).items()) {
            out.add(new Open(Shapes.text(i, "id"), Shapes.text(i, "order_id"), Shapes.text(i, "warehouse_id"), Shapes.text(i, "warehouse_status"),
                    Times.parse(Shapes.text(i, "created_at")), Times.parse(Shapes.text(i.path("warehouse"), "requested_ship_date"))));
            if (out.size() >= max) return out;
        }
        return out;
    }

    @Override
    public boolean anyOpen(String tenantId, String warehouseId) {
        var result = table.query(TableQuery.builder().index(Keys.GSI2)
                .keyCondition(KeyCondition.partition(WarehouseKeys.openFulfilments(tenantId, warehouseId))).limit(1).build()).iterator().next();
        return !result.items().isEmpty();
    }
}
