package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 split-shipments (docs/admin-money.md#split-shipments): a proposal by warehouse stock and routing rules,
 * executed as fulfilments once, a given plan, partial stock; roles and tenants.
 */
class AdminSplitShipmentsIT {
    static String warehouse(Client manager, String name) {
        Resp r = manager.post("/v1/fulfillment/warehouses", WarehouseFlowIT.warehouseBody(name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static String confirmedOrder(Client admin, String customer, String skuA, long a, String skuB, long b) {
        ObjectNode body = TestSystem.order(customer);
        var items = body.putArray("items");
        items.add(item(skuA, a, 1000, "GBP"));
        items.add(item(skuB, b, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, (a + b) * 1000, "GBP", "authorized")).set("amount", money((a + b) * 1000, "GBP"));
        String id = create(admin, body);
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        return id;
    }

    static List<String> parts(JsonNode plan) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : plan.path("parts")) out.add(p.path("warehouse_id").asText() + "=" + p.path("units").asLong());
        return out;
    }

    @Test
    void theProposalFollowsStockAndRoutingAndExecutesOnce() {
        String t = newTenant();
        Client admin = as(t, "admin-split", "admin");
        String north = warehouse(admin, "North"), south = warehouse(admin, "South");
        String skuA = "SKU-SA-" + t, skuB = "SKU-SB-" + t;
        Platform.get().inventory.setLots(t, skuA, List.of(new StockLot(north, "N-1", skuA, null, null, null, 3), new StockLot(south, "S-1", skuA, null, null, null, 2)));
        Platform.get().inventory.setLots(t, skuB, List.of(new StockLot(south, "S-2", skuB, null, null, null, 2)));
        String orderId = confirmedOrder(admin, "c-split", skuA, 3, skuB, 2);

        // no rule: the warehouse that can take the most goes first (south: 2 + 2), then north the last unit
        Resp proposal = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of());
        assertThat(proposal.status()).as(proposal.toString()).isEqualTo(200);
        assertThat(proposal.json().path("executed").asBoolean()).isFalse();
        assertThat(proposal.json().path("complete").asBoolean()).isTrue();
        assertThat(parts(proposal.json())).containsExactly(south + "=4", north + "=1");
        assertThat(admin.get("/v1/orders/" + orderId + "/fulfillments").json().path("data")).isEmpty();

        // a routing rule to the north for GB: the north takes all it can first
        assertThat(admin.post("/v1/fulfillment/routing-rules", Map.of("name", "north first", "priority", 1, "warehouse_id", north,
                "destination_countries", List.of("GB"))).status()).isEqualTo(201);
        Resp routed = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of());
        assertThat(routed.json().path("routed_to").asText()).isEqualTo(north);
        assertThat(parts(routed.json())).containsExactly(north + "=3", south + "=2");

        Resp executed = admin.header("Idempotency-Key", "split-1").post("/v1/admin/orders/" + orderId + "/split-shipments",
                Map.of("execute", true, "reason", "ship from stock"));
        assertThat(executed.status()).as(executed.toString()).isEqualTo(201);
        assertThat(executed.json().path("parts").get(0).path("fulfillment_id").asText()).startsWith("ful_");
        JsonNode fulfilments = admin.get("/v1/orders/" + orderId + "/fulfillments").json().path("data");
        assertThat(fulfilments).hasSize(2);
        assertThat(admin.header("Idempotency-Key", "split-1").post("/v1/admin/orders/" + orderId + "/split-shipments",
                Map.of("execute", true, "reason", "ship from stock")).header("idempotent-replayed")).isEqualTo("true");
        // everything is in a fulfilment now
        assertThat(admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of()).code()).isEqualTo("order.nothing_to_fulfil");
    }

    @Test
    void aGivenPlanIsExecutedAndMissingStockNeedsAllowPartial() {
        String t = newTenant();
        Client admin = as(t, "admin-split2", "admin");
        String only = warehouse(admin, "Only");
        String skuA = "SKU-PA-" + t, skuB = "SKU-PB-" + t;
        Platform.get().inventory.setLots(t, skuA, List.of(new StockLot(only, "O-1", skuA, null, null, null, 5)));
        // B is held only by a warehouse that is not the tenant's: none of its warehouses can ship it
        Platform.get().inventory.setLots(t, skuB, List.of(new StockLot("wh_not_ours", "X-1", skuB, null, null, null, 5)));
        String orderId = confirmedOrder(admin, "c-split2", skuA, 2, skuB, 1);
        Resp proposal = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of());
        assertThat(proposal.json().path("complete").asBoolean()).isFalse();
        assertThat(proposal.json().path("unassigned")).hasSize(1);
        Resp refused = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("execute", true));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("split.incomplete");
        Resp partial = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("execute", true, "allow_partial", true));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(admin.get("/v1/orders/" + orderId + "/fulfillments").json().path("data")).hasSize(1);

        // a given plan: the canonical rules hold (the line's remaining units)
        String lineB = admin.get("/v1/orders/" + orderId).json().path("lines").get(1).path("id").asText();
        Resp given = admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("execute", true,
                "plan", List.of(Map.of("warehouse_id", only, "lines", List.of(Map.of("line_id", lineB, "quantity", 5))))));
        assertThat(given.status()).isEqualTo(409);
        assertThat(given.code()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        assertThat(admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("plan", List.of(Map.of("warehouse_id", only,
                "lines", List.of(Map.of("line_id", lineB, "quantity", 1)))))).status()).isEqualTo(400);
    }

    @Test
    void rolesTenantsAndBadInputAreRefused() {
        String t = newTenant();
        Client admin = as(t, "admin-split3", "admin");
        String orderId = create(admin, order("c-split3"));
        assertThat(as(t, "fin-split", "finance").post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "admin-x", "admin").post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of()).code()).isEqualTo("order.not_found");
        assertThat(admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("execute", "yes")).status()).isEqualTo(400);
        assertThat(admin.post("/v1/admin/orders/" + orderId + "/split-shipments", Map.of("warehouses", List.of())).status()).isEqualTo(400);
    }
}
