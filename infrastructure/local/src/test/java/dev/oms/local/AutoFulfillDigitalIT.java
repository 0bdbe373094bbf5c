package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code auto_fulfill_digital} policy (issue 11): lines marked {@code digital} are fulfilled and shipped at once
 * when their order is confirmed, through the fulfilment use case, with the policy as actor on the timeline.
 */
class AutoFulfillDigitalIT {

    /** One physical line (2 x 2495) and one digital line (1 x 1000), paid by an authorized payment of 5990. */
    private static ObjectNode mixedOrder(Client c, String customer) {
        ObjectNode o = order(customer);
        ObjectNode digital = item("SKU-EBOOK", 1, 1000, "GBP");
        digital.put("digital", true);
        ((com.fasterxml.jackson.databind.node.ArrayNode) o.path("items")).add(digital);
        ObjectNode p = o.putArray("payments").addObject();
        p.put("payment_id", payment(c, 5990, "GBP", "authorized"));
        p.set("amount", money(5990, "GBP"));
        return o;
    }

    @Test
    void digitalLinesAreFulfilledOnConfirmationWithThePolicyAsActor() {
        String t = newTenant();
        Client admin = as(t, "admin-d", "admin");
        Resp created = admin.post("/v1/orders/policies", Map.of("type", "auto_fulfill_digital", "name", "Downloads"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String policy = created.json().path("id").asText();

        Client agent = as(t, "agent-d", "agent");
        Resp made = agent.post("/v1/orders", mixedOrder(agent, "c-d1"));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String id = made.json().path("id").asText();
        JsonNode lines = made.json().path("lines");
        assertThat(lines.get(0).path("digital").asBoolean()).isFalse();
        assertThat(lines.get(1).path("digital").asBoolean()).isTrue();
        String digitalLine = lines.get(1).path("id").asText();

        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");
        eventually("the digital fulfilment", () -> agent.get("/v1/orders/" + id + "/fulfillments").json().path("data").size() == 1);
        JsonNode f = agent.get("/v1/orders/" + id + "/fulfillments").json().path("data").get(0);
        assertThat(f.path("warehouse_id").asText()).isEqualTo("digital");
        assertThat(f.path("lines")).hasSize(1);
        assertThat(f.path("lines").get(0).path("line_id").asText()).isEqualTo(digitalLine);
        assertThat(f.path("lines").get(0).path("quantity").asLong()).isEqualTo(1);
        eventually("the digital units shipped", () -> agent.get("/v1/orders/" + id).json().path("fulfillment_status").asText().equals("partially_fulfilled"));

        JsonNode event = lastEvent(agent, id, "fulfillment.created");
        assertThat(event.path("actor").path("id").asText()).isEqualTo(policy);
        assertThat(event.path("actor").path("type").asText()).isEqualTo("policy");

        // a repeated delivery of the confirmation changes nothing
        var again = Platform.get().cases().autoFulfillDigital.onOrderConfirmed(t, id, null);
        assertThat(again.action()).isEqualTo("none");
        assertThat(agent.get("/v1/orders/" + id + "/fulfillments").json().path("data")).hasSize(1);
        // the physical line is still the warehouse's to fulfil
        assertThat(agent.get("/v1/orders/" + id).json().path("fulfillment_status").asText()).isEqualTo("partially_fulfilled");
    }

    @Test
    void nothingHappensWithoutAnEnabledPolicyOrWithoutDigitalLines() {
        String t = newTenant();
        Client admin = as(t, "admin-d", "admin");
        String policy = admin.post("/v1/orders/policies", Map.of("type", "auto_fulfill_digital")).json().path("id").asText();
        String physical = create(admin, paidOrder(admin, "c-d2", "authorized"));
        admin.post("/v1/orders/" + physical + "/confirm", null);

        Resp disabled = admin.patch("/v1/orders/policies/" + policy, Map.of("enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        String mixed = create(admin, mixedOrder(admin, "c-d3"));
        assertThat(admin.post("/v1/orders/" + mixed + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");
        try {
            Thread.sleep(1500); // long enough for the policy subscriber to have seen both confirmations
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String id : List.of(physical, mixed)) assertThat(admin.get("/v1/orders/" + id + "/fulfillments").json().path("data")).isEmpty();
        assertThat(Platform.get().cases().autoFulfillDigital.onOrderConfirmed(t, mixed, null).detail()).contains("no enabled");
    }

    @Test
    void thePolicyTakesNoParameters() {
        Client admin = as(newTenant(), "admin-d", "admin");
        Resp r = admin.post("/v1/orders/policies", Map.of("type", "auto_fulfill_digital", "channels", List.of("web")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("code").asText()).isEqualTo("policy.parameter_not_used");
        assertThat(as(newTenant(), "agent-d", "agent").post("/v1/orders/policies", Map.of("type", "auto_fulfill_digital")).status()).isEqualTo(403);
    }

    private static JsonNode lastEvent(Client c, String orderId, String type) {
        JsonNode found = null;
        for (JsonNode e : c.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data")) if (type.equals(e.path("type").asText())) found = e;
        return found;
    }
}
