package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.registry.ConnectorPort;
import java.util.List;

/** The inventory service the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedInventory implements InventoryService {
    private final Connectors connectors;

    public RoutedInventory(Connectors connectors) { this.connectors = connectors; }

    @Override
    public List<String> unavailable(String tenantId, List<SkuQuantity> request) {
        return connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "availability", i -> i.unavailable(tenantId, request));
    }

    @Override
    public List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "release", i -> i.release(tenantId, orderId, request, idempotencyKey));
    }

    @Override
    public void reserve(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "reserve", i -> {
            i.reserve(tenantId, orderId, request, idempotencyKey);
            return null;
        });
    }

    @Override
    public void restock(String tenantId, List<SkuQuantity> request, String idempotencyKey) {
        connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "restock", i -> {
            i.restock(tenantId, request, idempotencyKey);
            return null;
        });
    }

    @Override
    public List<dev.oms.domain.warehouse.StockLot> stock(String tenantId, List<String> skus, List<String> warehouseIds) {
        return connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "stock", i -> i.stock(tenantId, skus, warehouseIds));
    }

    @Override
    public void hold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "hold", i -> {
            i.hold(tenantId, allocationId, units, idempotencyKey);
            return null;
        });
    }

    @Override
    public void unhold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "unhold", i -> {
            i.unhold(tenantId, allocationId, units, idempotencyKey);
            return null;
        });
    }

    @Override
    public void consume(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        connectors.call(tenantId, ConnectorPort.INVENTORY, InventoryService.class, "consume", i -> {
            i.consume(tenantId, allocationId, units, idempotencyKey);
            return null;
        });
    }
}
