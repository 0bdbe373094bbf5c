package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order's FAQ (docs/customer-api.md#faq): entries derived from the order's state in customer words, then the
 * shop's own (setting {@code customer_faq}); and the storefront cart link of reorders (setting {@code storefront_cart_url}).
 */
class CustomerFaqIT {
    private static List<String> ids(JsonNode faq) { return faq.path("entries").findValuesAsText("id"); }

    private static String answer(JsonNode faq, String id) {
        for (JsonNode e : faq.path("entries")) if (id.equals(e.path("id").asText())) return e.path("answer").asText();
        return null;
    }

    @Test
    void theOrdersStateIsAnsweredInCustomerWordsThenTheShopsEntries() {
        String t = newTenant();
        Client admin = as(t, "admin-f", "admin");
        Resp set = admin.patch("/v1/orders/settings", Map.of("return_window_days", 30,
                "customer_faq", List.of(Map.of("question", "Do you ship abroad?", "answer", "Yes, to the EU, the UK and the US.")),
                "storefront_cart_url", "https://shop.example.com/cart/{cart_id}"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("customer_faq").get(0).path("question").asText()).isEqualTo("Do you ship abroad?");
        Client agent = as(t, "agent-f", "agent");
        String id = create(agent, paidOrder(agent, "cust-f1", "captured"));
        Client me = customer(t, "cust-f1");
        String path = "/v1/customer/orders/" + id + "/faq";

        JsonNode fresh = me.get(path).json();
        assertThat(ids(fresh)).containsExactly("delivery", "return_deadline", "shop_1");
        assertThat(answer(fresh, "delivery")).contains("has not shipped yet");
        assertThat(answer(fresh, "return_deadline")).contains("30 days after they are delivered");
        assertThat(answer(fresh, "shop_1")).isEqualTo("Yes, to the EU, the UK and the US.");

        agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "Card country mismatch", "type", "fraud", "assigned_to", "agent-9"));
        Resp held = me.get(path);
        assertThat(ids(held.json())).containsExactly("delivery", "on_hold", "return_deadline", "shop_1");
        assertThat(answer(held.json(), "on_hold")).contains("routine check");
        assertThat(held.text()).doesNotContainIgnoringCase("fraud").doesNotContain("Card country mismatch", "agent-9");
        Resp released = admin.post("/v1/orders/" + id + "/release", Map.of("resolution", "checked"));
        assertThat(released.status()).as(released.toString()).isEqualTo(200);

        String lineId = agent.post("/v1/orders/" + id + "/confirm", null).json().path("lines").get(0).path("id").asText();
        ReturnsKit.ship(t, id, lineId, 2);
        eventually("the shipment in the FAQ", () -> answer(me.get(path).json(), "delivery").contains("on its way"));
        assertThat(answer(me.get(path).json(), "return_deadline")).contains("You can ask for a return until");

        String cancelled = create(agent, order("cust-f1"));
        agent.post("/v1/orders/" + cancelled + "/cancel", Map.of("reason", "test"));
        eventually("the cancellation", () -> ids(me.get("/v1/customer/orders/" + cancelled + "/faq").json()).contains("cancelled"));
        assertThat(ids(me.get("/v1/customer/orders/" + cancelled + "/faq").json())).containsExactly("cancelled", "shop_1");

        // the storefront's cart link of a reorder
        var catalog = dev.oms.platform.json.Json.object();
        catalog.putArray("items").addObject().put("sku", "SKU-1").put("name", "Mug").put("orderable", true)
                .putObject("unit_price").put("amount", 1000).put("currency", "GBP");
        admin.post("/local/sandbox/catalog", catalog);
        JsonNode cart = me.post("/v1/customer/orders/" + id + "/reorder", null).json();
        assertThat(cart.path("cart_url").asText()).isEqualTo("https://shop.example.com/cart/" + cart.path("cart_id").asText());
    }

    @Test
    void staffOtherCustomersAndBadSettingsAreRefused() {
        String t = newTenant();
        Client admin = as(t, "admin-f", "admin");
        String id = create(as(t, "agent-f", "agent"), order("cust-f2"));
        String path = "/v1/customer/orders/" + id + "/faq";
        assertThat(customer(t, "cust-f2").get(path).json().path("entries").findValuesAsText("source")).containsOnly("order");
        assertThat(as(t, "agent-f", "agent").get(path).status()).isEqualTo(403);
        assertThat(customer(t, "cust-other").get(path).code()).isEqualTo("order.not_found");
        assertThat(customer(newTenant(), "cust-f2").get(path).code()).isEqualTo("order.not_found");
        assertThat(customer(t, "cust-f2").get(path + "?lang=en").code()).isEqualTo("request.invalid");

        assertThat(admin.patch("/v1/orders/settings", Map.of("storefront_cart_url", "https://shop.example.com/cart")).status()).as("no {cart_id}").isEqualTo(400);
        assertThat(admin.patch("/v1/orders/settings", Map.of("storefront_cart_url", "http://shop.example.com/cart/{cart_id}")).status()).as("not https").isEqualTo(400);
        assertThat(admin.patch("/v1/orders/settings", Map.of("customer_faq", List.of(Map.of("question", "Q?")))).status()).isEqualTo(400);
        assertThat(admin.patch("/v1/orders/settings", Map.of("customer_faq", List.of(Map.of("question", "Q?", "answer", "x".repeat(2001))))).status()).isEqualTo(400);
        Resp ok = admin.patch("/v1/orders/settings", Map.of("customer_faq", List.of(Map.of("question", "Q?", "answer", "A."))));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(admin.get("/v1/orders/settings/history").json().path("data").get(0).path("changes").findValuesAsText("field")).contains("customer_faq");
        java.util.Map<String, Object> empty = new java.util.HashMap<>();
        empty.put("customer_faq", null);
        assertThat(admin.patch("/v1/orders/settings", empty).json().path("customer_faq")).isEmpty();
    }
}
