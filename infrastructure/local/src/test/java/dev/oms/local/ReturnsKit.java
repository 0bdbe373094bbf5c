package dev.oms.local;

import static dev.oms.local.TestSystem.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.app.security.Caller;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.platform.Platform;
import dev.oms.platform.connectors.SandboxCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders with shipped units for the return tests: a paid (captured) order of 2 x SKU-1 at 24.95 GBP, confirmed
 * through the API, then fulfilled and shipped through the fulfilment use case (with a tracking number of its own, so
 * no carrier is called) in the runtime's JVM.
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

    static void ship(String tenant, String orderId, String lineId, long units) {
        Platform p = Platform.get();
        var fulfilments = new FulfillmentService(p.orders.transactions(), p.settings, p.inventory, new SandboxCarrier(p.table, p.clock),
                SagaCallbacks.NONE, p.ids, p.clock);
        CommandContext ctx = new CommandContext(new Caller(tenant, "warehouse-1", "warehouse", Set.of("warehouse_supervisor"), null, null),
                null, null, null, null);
        var created = fulfilments.create(ctx, orderId, new FulfillmentRequest("wh_1", List.of(new FulfillmentLine(lineId, units, null, List.of())),
                null, null, null, null));
        fulfilments.ship(ctx, orderId, new ShipmentRequest(List.of(created.fulfillment().id()), "sandbox", "standard",
                List.of("TRK" + orderId.substring(orderId.length() - 10)), null, null, null), List.of());
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
