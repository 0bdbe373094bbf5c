package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.InventoryService;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.dynamo.WarehouseKeys;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory service kept in the table. A SKU with a stock item has that many units; a SKU without one is
 * treated as in stock ({@link #DEFAULT_STOCK} units) so any catalogue works out of the box, except SKUs starting
 * with {@code OOS-}, which are always out of stock. Reservations are kept per order. Faults: connector
 * {@code inventory}, operations {@code availability}, {@code release}, {@code reserve}, {@code restock}, and for the
 * warehouse's stock by location and lot (seed 003) {@code stock}, {@code hold}, {@code unhold}, {@code consume}.
 */
public final class SandboxInventory implements InventoryService {
    public static final long DEFAULT_STOCK = 10_000;
    private final SingleTable table;
    private final SandboxOperations operations;

    public SandboxInventory(SingleTable table) {
        this.table = table;
        this.operations = new SandboxOperations(table);
    }

    @Override
    public List<String> unavailable(String tenantId, List<SkuQuantity> request) {
        SandboxFaults.Mode fault = fault("availability");
        List<String> missing = new ArrayList<>();
        for (SkuQuantity q : request) {
            if (fault == SandboxFaults.Mode.DECLINE || q.sku().startsWith("OOS-")) { missing.add(q.sku()); continue; }
            if (stock(tenantId, q.sku()) < q.quantity()) missing.add(q.sku());
        }
        return missing;
    }

    @Override
    public List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "inventory", "release#" + idempotencyKey, () -> {
            refuseOnDecline(fault("release"), "release");
            Map<String, Long> reserved = reservations(tenantId, orderId);
            Map<String, Long> released = new LinkedHashMap<>();
            if (request.isEmpty()) {
                released.putAll(reserved);
                reserved.clear();
            } else {
                for (SkuQuantity q : request) {
                    long take = Math.min(q.quantity(), reserved.getOrDefault(q.sku(), 0L));
                    if (take > 0) {
                        released.merge(q.sku(), take, Long::sum);
                        reserved.merge(q.sku(), -take, Long::sum);
                    }
                }
            }
            released.forEach((sku, n) -> setStock(tenantId, sku, stock(tenantId, sku) + n));
            saveReservations(tenantId, orderId, reserved);
            ObjectNode o = Json.object();
            released.forEach(o::put);
            return o;
        });
        List<SkuQuantity> out = new ArrayList<>();
        result.properties().forEach(e -> out.add(new SkuQuantity(e.getKey(), e.getValue().asLong())));
        return out;
    }

    @Override
    public void reserve(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        operations.once(tenantId, "inventory", "reserve#" + idempotencyKey, () -> {
            refuseOnDecline(fault("reserve"), "reserve");
            Map<String, Long> reserved = reservations(tenantId, orderId);
            for (SkuQuantity q : request) {
                long available = stock(tenantId, q.sku());
                if (q.sku().startsWith("OOS-") || available < q.quantity()) {
                    throw new ConnectorException("inventory", "reserve", "not enough stock of " + q.sku());
                }
                setStock(tenantId, q.sku(), available - q.quantity());
                reserved.merge(q.sku(), q.quantity(), Long::sum);
            }
            saveReservations(tenantId, orderId, reserved);
            return Json.object();
        });
    }

    @Override
    public void restock(String tenantId, List<SkuQuantity> request, String idempotencyKey) {
        operations.once(tenantId, "inventory", "restock#" + idempotencyKey, () -> {
            refuseOnDecline(fault("restock"), "restock");
            for (SkuQuantity q : request) setStock(tenantId, q.sku(), stock(tenantId, q.sku()) + q.quantity());
            return Json.object();
        });
    }

    public long stock(String tenantId, String sku) {
        return table.get(Keys.sandboxStock(tenantId, sku), Keys.SINGLE).map(i -> i.path("available").asLong()).orElse(DEFAULT_STOCK);
    }

    public Map<String, Long> reservations(String tenantId, String orderId) {
        Map<String, Long> m = new LinkedHashMap<>();
        table.get(Keys.sandboxReservation(tenantId, orderId), Keys.SINGLE)
                .ifPresent(i -> i.path("skus").properties().forEach(e -> { if (e.getValue().asLong() > 0) m.put(e.getKey(), e.getValue().asLong()); }));
        return m;
    }

    public void setStock(String tenantId, String sku, long available) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.sandboxStock(tenantId, sku));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_stock");
        item.put("sku", sku);
        item.put("available", available);
        table.put(item);
    }

    private void saveReservations(String tenantId, String orderId, Map<String, Long> reserved) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.sandboxReservation(tenantId, orderId));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_reservation");
        ObjectNode skus = item.putObject("skus");
        reserved.forEach((k, v) -> { if (v > 0) skus.put(k, v); });
        table.put(item);
    }

    // ---- seed 003: stock by warehouse, location and lot ---------------------------------------------------------

    /** Where a SKU without lots set by {@link #setLots} is stocked in every warehouse ({@link #DEFAULT_STOCK} units, no lot). */
    public static final String DEFAULT_LOCATION = "STOCK-01";

    @Override
    public List<StockLot> stock(String tenantId, List<String> skus, List<String> warehouseIds) {
        fault("stock");
        List<StockLot> out = new ArrayList<>();
        for (String sku : skus) {
            if (sku.startsWith("OOS-")) continue;
            for (StockLot l : lots(tenantId, sku, warehouseIds)) if (warehouseIds.contains(l.warehouseId())) out.add(l);
        }
        return out;
    }

    @Override
    public void hold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        operations.once(tenantId, "inventory", "hold#" + idempotencyKey, () -> {
            refuseOnDecline(fault("hold"), "hold");
            change(tenantId, units, -1);
            return Json.object();
        });
    }

    @Override
    public void unhold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        operations.once(tenantId, "inventory", "unhold#" + idempotencyKey, () -> {
            refuseOnDecline(fault("unhold"), "unhold");
            change(tenantId, units, +1);
            return Json.object();
        });
    }

    /** Held units leave the location: the counts already left them out; the sandbox only checks the call. */
    @Override
    public void consume(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        operations.once(tenantId, "inventory", "consume#" + idempotencyKey, () -> {
            refuseOnDecline(fault("consume"), "consume");
            return Json.object();
        });
    }

    /** Sets a SKU's stock by warehouse, location and lot (tests, demo data); other warehouses then have none of it. */
    public void setLots(String tenantId, String sku, List<StockLot> lots) { saveLots(tenantId, sku, lots, false); }

    private void change(String tenantId, List<LotQuantity> units, int sign) {
        Map<String, List<LotQuantity>> bySku = new LinkedHashMap<>();
        for (LotQuantity u : units) bySku.computeIfAbsent(u.sku(), k -> new ArrayList<>()).add(u);
        bySku.forEach((sku, us) -> {
            List<String> warehouses = us.stream().map(LotQuantity::warehouseId).distinct().toList();
            List<StockLot> lots = new ArrayList<>(lots(tenantId, sku, warehouses));
            for (LotQuantity u : us) {
                int at = -1;
                for (int i = 0; i < lots.size(); i++) {
                    StockLot l = lots.get(i);
                    if (l.warehouseId().equals(u.warehouseId()) && l.locationId().equals(u.locationId()) && java.util.Objects.equals(l.lot(), u.lot())) at = i;
                }
                if (at < 0 || lots.get(at).available() + sign * u.quantity() < 0) {
                    throw new ConnectorException("inventory", sign < 0 ? "hold" : "unhold", "not enough of " + sku + " at " + u.locationId());
                }
                StockLot l = lots.get(at);
                lots.set(at, new StockLot(l.warehouseId(), l.locationId(), l.sku(), l.lot(), l.expiry(), l.receivedAt(), l.available() + sign * u.quantity()));
            }
            boolean synthetic = table.get(WarehouseKeys.sandboxLots(tenantId, sku), Keys.SINGLE).map(i -> i.path("synthetic").asBoolean(true)).orElse(true);
            saveLots(tenantId, sku, lots, synthetic);
        });
    }

    /** The SKU's lots; without lots set, {@link #DEFAULT_STOCK} units at {@link #DEFAULT_LOCATION} of each of {@code warehouses} not seen yet. */
    private List<StockLot> lots(String tenantId, String sku, List<String> warehouses) {
        List<StockLot> out = new ArrayList<>();
        var item = table.get(WarehouseKeys.sandboxLots(tenantId, sku), Keys.SINGLE);
        boolean synthetic = item.map(i -> i.path("synthetic").asBoolean(true)).orElse(true);
        item.ifPresent(i -> i.path("lots").forEach(l -> out.add(new StockLot(l.path("warehouse_id").asText(), l.path("location_id").asText(), sku,
                dev.oms.platform.json.Shapes.text(l, "lot"), l.hasNonNull("expiry") ? java.time.LocalDate.parse(l.path("expiry").asText()) : null,
                dev.oms.platform.json.Times.parse(dev.oms.platform.json.Shapes.text(l, "received_at")), l.path("available").asLong()))));
        if (synthetic) {
            for (String w : warehouses) {
                if (out.stream().noneMatch(l -> l.warehouseId().equals(w))) out.add(new StockLot(w, DEFAULT_LOCATION, sku, null, null, null, DEFAULT_STOCK));
            }
        }
        return out;
    }

    private void saveLots(String tenantId, String sku, List<StockLot> lots, boolean synthetic) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, WarehouseKeys.sandboxLots(tenantId, sku));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_lots");
        item.put("synthetic", synthetic);
        var array = item.putArray("lots");
        for (StockLot l : lots) {
            array.addObject().put("warehouse_id", l.warehouseId()).put("location_id", l.locationId()).put("lot", l.lot())
                    .put("expiry", l.expiry() == null ? null : l.expiry().toString())
                    .put("received_at", dev.oms.platform.json.Times.format(l.receivedAt())).put("available", l.available());
        }
        table.put(item);
    }

    private static SandboxFaults.Mode fault(String operation) {
        SandboxFaults.Mode fault = SandboxFaults.next("inventory", operation);
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("inventory", operation, "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("inventory", operation, "timed out");
        return fault;
    }

    private static void refuseOnDecline(SandboxFaults.Mode fault, String operation) {
        if (fault == SandboxFaults.Mode.DECLINE) throw new ConnectorException("inventory", operation, "the inventory service refused");
    }
}
