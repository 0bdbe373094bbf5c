package dev.oms.platform.connectors;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.InventoryService;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An inventory service kept in the table. A SKU with a stock item has that many units; a SKU without one is
 * treated as in stock ({@link #DEFAULT_STOCK} units) so any catalogue works out of the box, except SKUs starting
 * with {@code OOS-}, which are always out of stock.
 */
public final class SandboxInventory implements InventoryService {
    public static final long DEFAULT_STOCK = 10_000;
    private final SingleTable table;

    public SandboxInventory(SingleTable table) { this.table = table; }

    @Override
    public List<String> unavailable(String tenantId, List<SkuQuantity> request) {
        SandboxFaults.Mode fault = SandboxFaults.next("inventory", "availability");
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("inventory", "availability", "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("inventory", "availability", "timed out");
        List<String> missing = new ArrayList<>();
        for (SkuQuantity q : request) {
            if (fault == SandboxFaults.Mode.DECLINE || q.sku().startsWith("OOS-")) { missing.add(q.sku()); continue; }
            long stock = table.get(Keys.sandboxStock(tenantId, q.sku()), Keys.SINGLE)
                    .map(i -> i.path("available").asLong()).orElse(DEFAULT_STOCK);
            if (stock < q.quantity()) missing.add(q.sku());
        }
        return missing;
    }

    public void setStock(String tenantId, String sku, long available) {
        var item = Json.object();
        item.put(Keys.PK, Keys.sandboxStock(tenantId, sku));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_stock");
        item.put("sku", sku);
        item.put("available", available);
        table.table().putItem(SingleTable.document(item));
    }
}
