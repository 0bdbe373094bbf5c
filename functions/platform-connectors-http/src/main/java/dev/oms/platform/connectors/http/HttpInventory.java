package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.InventoryService;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Inventory over the signed-HTTP contract: availability, reservations, releases, restocks. */
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

    private static ArrayNode items(List<SkuQuantity> request) {
        ArrayNode a = Json.array();
        for (SkuQuantity q : request) a.addObject().put("sku", q.sku()).put("quantity", q.quantity());
        return a;
    }
}
