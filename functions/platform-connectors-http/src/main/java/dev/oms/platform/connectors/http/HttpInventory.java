package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.InventoryService;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Inventory over the signed-HTTP contract: availability, reservations, releases, restocks; stock by location and lot, and its holds (seed 003). */
public final class HttpInventory implements InventoryService {
    private final SignedHttpClient client;

    public HttpInventory(SignedHttpClient client) { this.client = client; }

    @Override
    public List<String> unavailable(String tenantId, List<SkuQuantity> request) {
        ObjectNode body = Json.object();
        body.set("items", items(request));
        List<String> out = new ArrayList<>();
        client.post("availability", "/inventory/availability", body, null).path("unavailable").forEach(s -> out.add(s.asText()));
        return out;
    }

    @Override
    public List<SkuQuantity> release(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        ObjectNode body = Json.object().put("order_id", orderId);
        body.set("items", items(request));
        List<SkuQuantity> out = new ArrayList<>();
        for (JsonNode i : client.post("release", "/inventory/releases", body, idempotencyKey).path("released")) {
            out.add(new SkuQuantity(i.path("sku").asText(), i.path("quantity").asLong()));
        }
        return out;
    }

    @Override
    public void reserve(String tenantId, String orderId, List<SkuQuantity> request, String idempotencyKey) {
        ObjectNode body = Json.object().put("order_id", orderId);
        body.set("items", items(request));
        client.post("reserve", "/inventory/reservations", body, idempotencyKey);
    }

    @Override
    public void restock(String tenantId, List<SkuQuantity> request, String idempotencyKey) {
        ObjectNode body = Json.object();
        body.set("items", items(request));
        client.post("restock", "/inventory/restocks", body, idempotencyKey);
    }

    /** {@code POST /inventory/stock} {@code {"skus", "warehouse_ids"}} → {@code {"lots": [{sku, warehouse_id, location_id, lot, expiry, received_at, available}]}}. */
    @Override
    public List<dev.oms.domain.warehouse.StockLot> stock(String tenantId, List<String> skus, List<String> warehouseIds) {
        ObjectNode body = Json.object();
        skus.forEach(body.putArray("skus")::add);
        warehouseIds.forEach(body.putArray("warehouse_ids")::add);
        List<dev.oms.domain.warehouse.StockLot> out = new ArrayList<>();
        for (JsonNode l : client.post("stock", "/inventory/stock", body, null).path("lots")) {
            out.add(new dev.oms.domain.warehouse.StockLot(l.path("warehouse_id").asText(), l.path("location_id").asText(), l.path("sku").asText(),
                    l.hasNonNull("lot") ? l.get("lot").asText() : null,
                    l.hasNonNull("expiry") ? java.time.LocalDate.parse(l.get("expiry").asText()) : null,
                    l.hasNonNull("received_at") ? java.time.Instant.parse(l.get("received_at").asText()) : null, l.path("available").asLong()));
        }
        return out;
    }

    @Override
    public void hold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        client.post("hold", "/inventory/holds", lots(allocationId, units), idempotencyKey);
    }

    @Override
    public void unhold(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        client.post("unhold", "/inventory/holds/release", lots(allocationId, units), idempotencyKey);
    }

    @Override
    public void consume(String tenantId, String allocationId, List<LotQuantity> units, String idempotencyKey) {
        client.post("consume", "/inventory/holds/consume", lots(allocationId, units), idempotencyKey);
    }

    private static ObjectNode lots(String allocationId, List<LotQuantity> units) {
        ObjectNode body = Json.object().put("allocation_id", allocationId);
        ArrayNode a = body.putArray("units");
        for (LotQuantity u : units) {
            a.addObject().put("sku", u.sku()).put("warehouse_id", u.warehouseId()).put("location_id", u.locationId()).put("lot", u.lot())
                    .put("quantity", u.quantity());
        }
        return body;
    }

    private static ArrayNode items(List<SkuQuantity> request) {
        ArrayNode a = Json.array();
        for (SkuQuantity q : request) a.addObject().put("sku", q.sku()).put("quantity", q.quantity());
        return a;
    }
}
