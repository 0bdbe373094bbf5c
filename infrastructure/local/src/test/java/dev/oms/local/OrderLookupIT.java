package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/orders/lookup}: by external, merchant and customer reference; tenants, roles and bad input. */
class OrderLookupIT {
    static String tenant;
    static Client agent;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-l", "agent");
    }

    private static String createWith(Client c, String external, Map<String, String> metadata) {
        ObjectNode o = order("cl1");
        if (external != null) o.put("external_reference", external);
        metadata.forEach((k, v) -> o.with("metadata").put(k, v));
        return create(c, o);
    }

    private static List<String> ids(Resp r) {
        List<String> ids = new ArrayList<>();
        r.json().path("data").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    @Test
    void findsOrdersByEachReferenceNewestFirstWithPaging() {
        String a = createWith(agent, "EXT-L-1", Map.of("merchant_reference", "M-100", "customer_reference", "PO-7"));
        String b = createWith(agent, null, Map.of("customer_reference", "PO-7"));
        String c = createWith(agent, null, Map.of("customer_reference", "PO-7"));

        Resp ext = agent.post("/v1/orders/lookup", Map.of("external_reference", "EXT-L-1"));
        assertThat(ext.status()).isEqualTo(200);
        assertThat(ids(ext)).containsExactly(a);
        assertThat(ext.json().path("data").get(0).path("external_reference").asText()).isEqualTo("EXT-L-1");
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-100")))).containsExactly(a);
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("customer_reference", "PO-7")))).containsExactly(c, b, a);

        Resp first = agent.post("/v1/orders/lookup?limit=2", Map.of("customer_reference", "PO-7"));
        assertThat(ids(first)).containsExactly(c, b);
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        Resp second = agent.post("/v1/orders/lookup?limit=2&cursor=" + first.json().path("next_cursor").asText(),
                Map.of("customer_reference", "PO-7"));
        assertThat(ids(second)).containsExactly(a);
        assertThat(agent.post("/v1/orders/lookup?limit=2&cursor=" + first.json().path("next_cursor").asText(),
                Map.of("customer_reference", "PO-8")).code()).isEqualTo("request.invalid_cursor");

        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("external_reference", "nope")))).isEmpty();
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "nope")))).isEmpty();
    }

    @Test
    void aMetadataEditMovesTheOrderBetweenReferencesAndADeletedOrderIsNotFound() {
        String id = createWith(agent, null, Map.of("merchant_reference", "M-200"));
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("merchant_reference", "M-201"))).status()).isEqualTo(200);
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-200")))).isEmpty();
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-201")))).containsExactly(id);

        java.util.HashMap<String, Object> removal = new java.util.HashMap<>();
        removal.put("merchant_reference", null);
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", removal)).status()).isEqualTo(200);
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-201")))).isEmpty();

        String gone = createWith(agent, "EXT-L-GONE", Map.of("customer_reference", "PO-GONE"));
        assertThat(as(tenant, "adm", "admin").delete("/v1/orders/" + gone).status()).isIn(200, 204);
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("customer_reference", "PO-GONE")))).isEmpty();
        assertThat(ids(agent.post("/v1/orders/lookup", Map.of("external_reference", "EXT-L-GONE")))).isEmpty();
    }

    @Test
    void otherTenantsSeeNothingAndCustomersAndWarehousesAreRefused() {
        createWith(agent, "EXT-L-T", Map.of("merchant_reference", "M-T", "customer_reference", "PO-T"));
        Client other = as(newTenant(), "agent-x", "agent");
        assertThat(ids(other.post("/v1/orders/lookup", Map.of("external_reference", "EXT-L-T")))).isEmpty();
        assertThat(ids(other.post("/v1/orders/lookup", Map.of("merchant_reference", "M-T")))).isEmpty();
        assertThat(ids(other.post("/v1/orders/lookup", Map.of("customer_reference", "PO-T")))).isEmpty();

        assertThat(customer(tenant, "cl1").post("/v1/orders/lookup", Map.of("merchant_reference", "M-T")).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "wh", "warehouse_supervisor").post("/v1/orders/lookup", Map.of("merchant_reference", "M-T")).status()).isEqualTo(403);
        assertThat(anonymous().post("/v1/orders/lookup", Map.of("merchant_reference", "M-T")).status()).isEqualTo(401);
        assertThat(ids(as(tenant, "fin", "finance").post("/v1/orders/lookup", Map.of("merchant_reference", "M-T")))).hasSize(1);
    }

    @Test
    void badBodiesAre400WithCodes() {
        Resp none = agent.post("/v1/orders/lookup", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("request.invalid");
        Resp two = agent.post("/v1/orders/lookup", Map.of("merchant_reference", "a", "customer_reference", "b"));
        assertThat(two.status()).isEqualTo(400);
        Resp unknown = agent.post("/v1/orders/lookup", Map.of("sku", "a"));
        assertThat(unknown.status()).isEqualTo(400);
        JsonNode errors = unknown.json().path("errors");
        assertThat(errors.toString()).contains("sku");
        assertThat(agent.post("/v1/orders/lookup", Map.of("merchant_reference", 5)).status()).isEqualTo(400);
        assertThat(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "x".repeat(501))).status()).isEqualTo(400);
        assertThat(agent.post("/v1/orders/lookup?limit=0", Map.of("merchant_reference", "a")).status()).isEqualTo(400);
        assertThat(agent.post("/v1/orders/lookup", "{").code()).isEqualTo("request.malformed_json");
    }
}
