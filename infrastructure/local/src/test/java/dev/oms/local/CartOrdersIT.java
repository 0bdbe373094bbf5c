package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cart port end to end (docs/customer-api.md#reorder, docs/simple-order-api.md#creating-orders-from-a-cart): a
 * customer's reorder makes a cart priced by the sandbox catalogue, and seed 002's {@code POST /api/orders} turns the
 * cart into an order with the cart's prices, once.
 */
class CartOrdersIT {
    private static void catalog(String t, Object... skuPriceOrderable) {
        ObjectNode body = Json.object();
        var items = body.putArray("items");
        for (int i = 0; i < skuPriceOrderable.length; i += 3) {
            ObjectNode it = items.addObject().put("sku", (String) skuPriceOrderable[i]).put("name", "Item " + skuPriceOrderable[i]);
            it.set("unit_price", money((Long) skuPriceOrderable[i + 1], "GBP"));
            it.put("orderable", (Boolean) skuPriceOrderable[i + 2]);
        }
        Resp r = as(t, "ops", "admin").post("/local/sandbox/catalog", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static ObjectNode twoLineOrder(String customerId) {
        ObjectNode o = order(customerId);
        ((com.fasterxml.jackson.databind.node.ArrayNode) o.path("items")).add(item("SKU-OLD", 1, 990, "GBP"));
        return o;
    }

    private static Map<String, Object> checkout(String cartId, String userId) {
        return Map.of("cart_id", cartId, "user_id", userId, "payment_method", "credit_card",
                "shipping_address", Map.of("name", "Jane Doe", "address", "123 Main St", "city", "New York", "state", "NY", "zip", "10001", "country", "US"));
    }

    @Test
    void aReorderIsACartAtTodaysPricesAndTheCartBecomesOneOrderWithThosePrices() {
        String t = newTenant();
        catalog(t, "SKU-1", 2600L, true, "SKU-OLD", 990L, false);
        Client agent = as(t, "agent-c", "agent");
        String source = create(agent, twoLineOrder("cust-c1"));
        Client me = customer(t, "cust-c1");

        Resp cart = me.post("/v1/customer/orders/" + source + "/reorder", null);
        assertThat(cart.status()).as(cart.toString()).isEqualTo(201);
        assertThat(cart.json().path("order_id").asText()).isEqualTo(source);
        String cartId = cart.json().path("cart_id").asText();
        assertThat(cartId).startsWith("cart_");
        assertThat(cart.json().path("currency").asText()).isEqualTo("GBP");
        assertThat(cart.json().path("lines")).hasSize(1);
        assertThat(cart.json().path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");
        assertThat(cart.json().path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(cart.json().path("lines").get(0).path("unit_price").path("amount").asLong()).as("the catalogue's price, not the order's 2495").isEqualTo(2600);
        assertThat(cart.json().path("sub_total").asLong()).isEqualTo(5200);
        assertThat(cart.json().path("unavailable").get(0).asText()).isEqualTo("SKU-OLD");
        assertThat(agent.get("/v1/orders/" + source + "/timeline").json().path("data").findValuesAsText("type")).contains("customer.reorder_requested");
        assertThat(agent.get("/api/orders?user_id=cust-c1").json().path("data")).as("no order is created by a reorder").hasSize(1);

        Client keyed = me.header("Idempotency-Key", "checkout-" + t);
        Resp created = keyed.post("/api/orders", checkout(cartId, "cust-c1"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("pending");
        assertThat(created.json().path("message").asText()).isEqualTo("Order received and pending payment.");
        String orderId = created.json().path("order_id").asText();
        assertThat(keyed.post("/api/orders", checkout(cartId, "cust-c1")).header("idempotent-replayed")).isEqualTo("true");
        assertThat(keyed.post("/api/orders", checkout(cartId, "cust-c1")).json().path("order_id").asText()).isEqualTo(orderId);

        Resp read = me.get("/api/orders/" + orderId);
        assertThat(read.json().path("total").decimalValue()).isEqualByComparingTo(new BigDecimal("52.00"));
        assertThat(read.json().path("items").get(0).path("price").decimalValue()).isEqualByComparingTo(new BigDecimal("26.00"));
        assertThat(read.json().path("user_id").asText()).isEqualTo("cust-c1");
        assertThat(read.json().path("shipping_address").path("zip").asText()).isEqualTo("10001");
        var canonical = agent.get("/v1/orders/" + orderId).json();
        assertThat(canonical.path("external_reference").asText()).isEqualTo("cart:" + cartId);
        assertThat(canonical.path("metadata").path("payment_method").asText()).isEqualTo("credit_card");
        assertThat(canonical.path("status").asText()).isEqualTo("created");

        Resp again = me.post("/api/orders", checkout(cartId, "cust-c1"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("cart.already_ordered");
        assertThat(again.json().path("order_id").asText()).isEqualTo(orderId);

        // a service (orders:create) checks a customer's cart out for it
        String second = me.post("/v1/customer/orders/" + source + "/reorder", null).json().path("cart_id").asText();
        Resp byService = as(t, "checkout-svc", "service").post("/api/orders", checkout(second, "cust-c1"));
        assertThat(byService.status()).as(byService.toString()).isEqualTo(201);
    }

    @Test
    void checkoutIsRefusedForOtherCustomersCartsBadInputAndRolesWithoutCreate() {
        String t = newTenant();
        catalog(t, "SKU-1", 2600L, true);
        String source = create(as(t, "agent-c", "agent"), order("cust-c2"));
        Client me = customer(t, "cust-c2");
        String cartId = me.post("/v1/customer/orders/" + source + "/reorder", null).json().path("cart_id").asText();

        assertThat(customer(t, "cust-other").post("/api/orders", checkout(cartId, "cust-other")).code()).as("another customer's cart").isEqualTo("cart.not_found");
        assertThat(customer(newTenant(), "cust-c2").post("/api/orders", checkout(cartId, "cust-c2")).code()).as("another tenant").isEqualTo("cart.not_found");
        assertThat(me.post("/api/orders", checkout("cart_unknown", "cust-c2")).code()).isEqualTo("cart.not_found");
        Resp forOther = me.post("/api/orders", checkout(cartId, "cust-other"));
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(as(t, "fin", "finance").post("/api/orders", checkout(cartId, "cust-c2")).status()).as("no orders:create").isEqualTo(403);

        Resp missing = me.post("/api/orders", Map.of("user_id", "cust-c2", "payment_method", "credit_card"));
        assertThat(missing.code()).isEqualTo("request.invalid");
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("cart_id", "shipping_address");
        Map<String, Object> bad = new java.util.HashMap<>(checkout(cartId, "cust-c2"));
        bad.put("payment_method", "barter");
        assertThat(me.post("/api/orders", bad).status()).isEqualTo(400);
        bad = new java.util.HashMap<>(checkout(cartId, "cust-c2"));
        bad.put("total", 1);
        assertThat(me.post("/api/orders", bad).json().path("errors").findValuesAsText("code")).contains("field.unknown");
        bad = new java.util.HashMap<>(checkout(cartId, "cust-c2"));
        bad.put("shipping_address", Map.of("name", "Jane", "address", "1 Main St", "city", "New York", "zip", "ABC", "country", "US"));
        Resp badZip = me.post("/api/orders", bad);
        assertThat(badZip.status()).isEqualTo(400);
        assertThat(badZip.json().path("errors").findValuesAsText("field")).contains("shipping_address.zip", "shipping_address.state");
        // nothing was created by the refusals: the cart still checks out
        assertThat(me.post("/api/orders", checkout(cartId, "cust-c2")).status()).isEqualTo(201);
    }

    @Test
    void reorderIsRefusedWhenNothingSellsForStaffAndForOtherCustomers() {
        String t = newTenant();
        catalog(t, "SKU-1", 2600L, false);
        String source = create(as(t, "agent-c", "agent"), order("cust-c3"));
        Client me = customer(t, "cust-c3");
        String path = "/v1/customer/orders/" + source + "/reorder";
        Resp none = me.post(path, null);
        assertThat(none.status()).as(none.toString()).isEqualTo(422);
        assertThat(none.code()).isEqualTo("reorder.nothing_orderable");
        assertThat(none.json().path("unavailable").get(0).asText()).isEqualTo("SKU-1");
        assertThat(as(t, "agent-c", "agent").post(path, null).status()).isEqualTo(403);
        assertThat(customer(t, "cust-other").post(path, null).code()).isEqualTo("order.not_found");
        assertThat(customer(newTenant(), "cust-c3").post(path, null).code()).isEqualTo("order.not_found");
        assertThat(me.post(path, Map.of("cart", "x")).code()).isEqualTo("request.invalid");

        catalog(t, "SKU-1", 2600L, true);
        Client keyed = me.header("Idempotency-Key", "reorder-" + t);
        Resp first = keyed.post(path, null);
        assertThat(first.status()).isEqualTo(201);
        Resp replay = keyed.post(path, null);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("cart_id").asText()).isEqualTo(first.json().path("cart_id").asText());
    }
}
