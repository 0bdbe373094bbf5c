package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coupon previews through the promotions port (docs/customer-api.md#coupons): exact to the minor unit, half-even on the
 * subtotal, every rule of the sandbox (percentage, fixed amount, free shipping, minimum spend, expiry, usage per
 * customer), nothing used up and the order's money unchanged.
 */
class CustomerCouponsIT {
    private static void promotions(String t) {
        ArrayNode list = Json.array();
        list.addObject().put("code", "SPRING10").put("type", "percentage").put("percent_bps", 1000);
        list.addObject().put("code", "TENOFF").put("type", "fixed_amount").set("amount_off", money(1000, "GBP"));
        list.addObject().put("code", "FREESHIP").put("type", "free_shipping");
        ObjectNode big = list.addObject().put("code", "BIG").put("type", "percentage").put("percent_bps", 500);
        big.set("minimum_spend", money(100_000, "GBP"));
        list.addObject().put("code", "OLD").put("type", "percentage").put("percent_bps", 500).put("expires_at", "2020-01-01T00:00:00Z");
        list.addObject().put("code", "LATER").put("type", "percentage").put("percent_bps", 500).put("starts_at", "2999-01-01T00:00:00Z");
        ObjectNode once = list.addObject().put("code", "ONCE").put("type", "percentage").put("percent_bps", 2500).put("usage_limit_per_customer", 1);
        once.putObject("redemptions").put("cust-k1", 1);
        list.addObject().put("code", "USD5").put("type", "fixed_amount").set("amount_off", money(500, "USD"));
        ObjectNode body = Json.object();
        body.set("promotions", list);
        Resp r = as(t, "ops", "admin").post("/local/sandbox/promotions", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static String orderWithShipping(Client agent, String customerId, long... skuPrices) {
        ObjectNode o = order(customerId);
        ArrayNode items = (ArrayNode) o.path("items");
        items.removeAll();
        for (int i = 0; i < skuPrices.length; i += 2) items.add(item("SKU-" + i, skuPrices[i + 1], skuPrices[i], "GBP"));
        ObjectNode shipping = o.putObject("shipping").put("method", "standard");
        shipping.set("amount", money(399, "GBP"));
        return create(agent, o);
    }

    @Test
    void everyRuleIsExactToTheMinorUnitAndNothingIsUsedUp() {
        String t = newTenant();
        promotions(t);
        Client agent = as(t, "agent-k", "agent");
        String id = orderWithShipping(agent, "cust-k1", 2495, 2, 333, 1); // goods 5323, shipping 399
        long totalBefore = agent.get("/v1/orders/" + id).json().path("total").asLong();
        Client me = customer(t, "cust-k1");
        String path = "/v1/customer/orders/" + id + "/apply-coupon";

        JsonNode spring = me.post(path, Map.of("code", "spring10")).json();
        assertThat(spring.path("applicable").asBoolean()).as(spring.toString()).isTrue();
        assertThat(spring.path("code").asText()).isEqualTo("SPRING10");
        assertThat(spring.path("type").asText()).isEqualTo("percentage");
        assertThat(spring.path("eligible_subtotal").asLong()).isEqualTo(5323);
        assertThat(spring.path("discount").path("amount").asLong()).as("532.3 rounded half-even").isEqualTo(532);
        assertThat(spring.path("lines").findValues("discount").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(532);
        assertThat(spring.path("lines").get(0).path("discount").asLong()).isEqualTo(499);
        assertThat(spring.path("rounding").asText()).isEqualTo("half_even_on_subtotal");
        assertThat(spring.path("consumed").asBoolean()).isFalse();

        assertThat(me.post(path, Map.of("code", "TENOFF")).json().path("discount").path("amount").asLong()).isEqualTo(1000);
        JsonNode free = me.post(path, Map.of("code", "FREESHIP")).json();
        assertThat(free.path("shipping_discount").path("amount").asLong()).isEqualTo(399);
        assertThat(free.path("discount").path("amount").asLong()).isZero();
        JsonNode big = me.post(path, Map.of("code", "BIG")).json();
        assertThat(big.path("applicable").asBoolean()).isFalse();
        assertThat(big.path("reason").path("code").asText()).isEqualTo("coupon.minimum_spend_not_met");
        assertThat(big.path("shortfall").path("amount").asLong()).isEqualTo(100_000 - 5323);
        assertThat(me.post(path, Map.of("code", "OLD")).json().path("reason").path("code").asText()).isEqualTo("coupon.expired");
        assertThat(me.post(path, Map.of("code", "LATER")).json().path("reason").path("code").asText()).isEqualTo("coupon.not_started");
        assertThat(me.post(path, Map.of("code", "ONCE")).json().path("reason").path("code").asText()).isEqualTo("coupon.usage_limit_reached");
        assertThat(me.post(path, Map.of("code", "USD5")).json().path("reason").path("code").asText()).isEqualTo("coupon.currency_not_supported");
        JsonNode unknown = me.post(path, Map.of("code", "NOPE")).json();
        assertThat(unknown.path("reason").path("code").asText()).isEqualTo("coupon.unknown");
        assertThat(unknown.path("type").isNull()).isTrue();

        // another customer has not used ONCE yet
        String theirs = orderWithShipping(agent, "cust-k2", 1000, 1);
        JsonNode once = customer(t, "cust-k2").post("/v1/customer/orders/" + theirs + "/apply-coupon", Map.of("code", "ONCE")).json();
        assertThat(once.path("applicable").asBoolean()).isTrue();
        assertThat(once.path("discount").path("amount").asLong()).isEqualTo(250);
        // a tie rounds to even: 10 % of 125 is 12.5 → 12, of 135 is 13.5 → 14
        String tie = orderWithShipping(agent, "cust-k2", 125, 1);
        assertThat(customer(t, "cust-k2").post("/v1/customer/orders/" + tie + "/apply-coupon", Map.of("code", "SPRING10")).json()
                .path("discount").path("amount").asLong()).isEqualTo(12);
        String tie2 = orderWithShipping(agent, "cust-k2", 135, 1);
        assertThat(customer(t, "cust-k2").post("/v1/customer/orders/" + tie2 + "/apply-coupon", Map.of("code", "SPRING10")).json()
                .path("discount").path("amount").asLong()).isEqualTo(14);

        JsonNode after = agent.get("/v1/orders/" + id).json();
        assertThat(after.path("total").asLong()).as("a preview changes no money").isEqualTo(totalBefore);
        assertThat(agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type")).contains("customer.coupon_previewed");
    }

    @Test
    void badRequestsStaffOtherCustomersAndReplays() {
        String t = newTenant();
        promotions(t);
        String id = create(as(t, "agent-k", "agent"), order("cust-k3"));
        Client me = customer(t, "cust-k3");
        String path = "/v1/customer/orders/" + id + "/apply-coupon";
        assertThat(me.post(path, Map.of()).code()).isEqualTo("request.invalid");
        assertThat(me.post(path, Map.of("code", " ")).status()).isEqualTo(400);
        assertThat(me.post(path, Map.of("code", "X".repeat(65))).status()).isEqualTo(400);
        assertThat(me.post(path, Map.of("code", "SPRING10", "apply", true)).status()).isEqualTo(400);
        assertThat(as(t, "agent-k", "agent").post(path, Map.of("code", "SPRING10")).status()).isEqualTo(403);
        assertThat(customer(t, "cust-other").post(path, Map.of("code", "SPRING10")).code()).isEqualTo("order.not_found");
        assertThat(customer(newTenant(), "cust-k3").post(path, Map.of("code", "SPRING10")).code()).isEqualTo("order.not_found");
        Client keyed = me.header("Idempotency-Key", "coupon-" + t);
        Resp first = keyed.post(path, Map.of("code", "SPRING10"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(keyed.post(path, Map.of("code", "SPRING10")).header("idempotent-replayed")).isEqualTo("true");
        assertThat(keyed.post(path, Map.of("code", "TENOFF")).code()).isEqualTo("idempotency.key_reused");
        assertThat(List.of(first.json().path("discount").path("amount").asLong())).containsExactly(499L); // 10 % of 4990
    }
}
