package dev.oms.local;

import static dev.oms.local.TestSystem.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Orders with shipped units for the return tests: a paid (captured) order of 2 x SKU-1 at 24.95 GBP, confirmed,
 * fulfilled and shipped through the API.
 */
final class ReturnsKit {
    private ReturnsKit() { }

    record Shipped(String orderId, String lineId) { }

    static Shipped shippedOrder(String tenant, Client agent, String customerId, long shipUnits) {
        String id = create(agent, paidOrder(agent, customerId, "captured"));
        Resp confirmed = agent.post("/v1/orders/" + id + "/confirm", null);
        if (confirmed.status() != 200) throw new IllegalStateException("confirm: " + confirmed);
        String lineId = confirmed.json().path("lines").get(0).path("id").asText();
        if (shipUnits > 0) ship(tenant, id, lineId, shipUnits);
        return new Shipped(id, lineId);
    }

    /** Fulfils and ships units through the fulfilment API, as the warehouse does (the sandbox carrier books the parcel). */
    static void ship(String tenant, String orderId, String lineId, long units) {
        Client wh = as(tenant, "wh-kit", "warehouse_supervisor");
        Resp f = wh.post("/v1/orders/" + orderId + "/fulfillments", Map.of("warehouse_id", "wh_1",
                "lines", List.of(Map.of("line_id", lineId, "quantity", units))));
        if (f.status() != 201) throw new IllegalStateException("fulfilment: " + f);
        Resp shipped = wh.post("/v1/orders/" + orderId + "/fulfillments/" + f.json().path("id").asText() + "/ship", Map.of());
        if (shipped.status() != 200 && shipped.status() != 201) throw new IllegalStateException("ship: " + shipped);
    }

    static ObjectNode returnBody(String lineId, long quantity, String method, String refund) {
        ObjectNode b = dev.oms.platform.json.Json.object();
        ObjectNode l = b.putArray("lines").addObject();
        l.put("line_id", lineId).put("quantity", quantity).put("reason_code", "too_small");
        b.put("return_method", method);
        if (refund != null) b.put("refund", refund);
        b.put("instructions", "Left with the neighbour");
        b.putObject("metadata").put("ticket", "T-42");
        return b;
    }

    static Map<String, Object> receipt(String lineId, long quantity, String condition) {
        return Map.of("lines", List.of(Map.of("line_id", lineId, "quantity", quantity, "condition", condition, "serials", List.of("SN-" + quantity))));
    }

    static Map<String, Object> approve(String lineId, String resolution) {
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("lines", List.of(Map.of("line_id", lineId, "decision", "approve")));
        if (resolution != null) b.put("resolution", resolution);
        return b;
    }

    static Map<String, Object> reject(String lineId) {
        return Map.of("lines", List.of(Map.of("line_id", lineId, "decision", "reject", "reason", "Worn and washed")));
    }

    static JsonNode ret(Client c, String orderId, String returnId) { return c.get("/v1/orders/" + orderId + "/returns/" + returnId).json(); }

    static JsonNode awaitReturn(Client c, String orderId, String returnId, String status) {
        eventually("return " + returnId + " to be " + status, () -> status.equals(ret(c, orderId, returnId).path("status").asText()));
        return ret(c, orderId, returnId);
    }

    /** Waits until the saga parks the return's wait for {@code awaiting} (receipt, inspection or settlement) on it. */
    static void awaitSagaWaiting(Client c, String orderId, String returnId, String awaiting) {
        eventually("the saga to wait for " + awaiting, () -> awaiting.equals(ret(c, orderId, returnId).path("awaiting").asText()));
    }

    static List<String> steps(JsonNode ret) {
        List<String> out = new ArrayList<>();
        ret.path("steps").forEach(s -> out.add(s.path("step").asText()));
        return out;
    }

    static List<String> timeline(Client c, String orderId) {
        List<String> types = new ArrayList<>();
        c.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }
}
