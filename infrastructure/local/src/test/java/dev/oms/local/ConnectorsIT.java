package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector registry over HTTP: defaults, choosing an adapter, validation, versions, replays, roles, tenants. */
class ConnectorsIT {
    static String tenant;
    static Client admin;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-conn", "admin");
    }

    static Map<String, Object> stripe(String keyRef) {
        return Map.of("adapter", "stripe", "settings", Map.of("multicapture", "true"), "secrets", Map.of("api_key", keyRef));
    }

    @Test
    void everyPortStartsOnTheSandbox() {
        Resp list = admin.get("/v1/orders/connectors");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("data").findValuesAsText("port"))
                .containsExactly("payments", "carrier", "notifications", "inventory", "fraud", "billing", "fulfillment_provider", "cart", "promotions");
        assertThat(list.json().path("data").findValuesAsText("adapter")).containsOnly("sandbox");
        Resp one = admin.get("/v1/orders/connectors/carrier");
        assertThat(one.json().path("version").asLong()).isZero();
        assertThat(one.header("etag")).isNull();
        assertThat(one.json().path("health").path("circuit_state").asText()).isEqualTo("closed");
        assertThat(admin.get("/v1/orders/connectors/teleporter").code()).isEqualTo("connector.port_unknown");
    }

    @Test
    void anAdminChoosesStripeForPaymentsWithSecretReferencesOnly() {
        String t = newTenant();
        Client a = as(t, "admin-c2", "admin");
        Resp set = a.header("Idempotency-Key", "conn-1").post("/v1/orders/connectors/payments", stripe("ssm:/oms/" + t + "/stripe-key"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("adapter").asText()).isEqualTo("stripe");
        assertThat(set.json().path("secrets").path("api_key").asText()).isEqualTo("ssm:/oms/" + t + "/stripe-key");
        assertThat(set.json().path("version").asLong()).isEqualTo(1);
        assertThat(set.json().path("updated_by").asText()).isEqualTo("admin-c2");
        assertThat(set.header("etag")).isEqualTo("\"1\"");

        assertThat(a.get("/v1/orders/health").json().path("checks").path("connectors").path("payments").asText()).isEqualTo("stripe");
        assertThat(admin.get("/v1/orders/health").json().path("checks").path("connectors").path("payments").asText()).isEqualTo("sandbox");

        Resp replay = a.header("Idempotency-Key", "conn-1").post("/v1/orders/connectors/payments", stripe("ssm:/oms/" + t + "/stripe-key"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("version").asLong()).isEqualTo(1);
        assertThat(a.header("Idempotency-Key", "conn-1").post("/v1/orders/connectors/payments", stripe("ssm:/other")).code())
                .isEqualTo("idempotency.key_reused");

        Resp back = a.header("If-Match", "\"1\"").post("/v1/orders/connectors/payments", Map.of("adapter", "sandbox"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().path("version").asLong()).isEqualTo(2);
        Resp stale = a.header("If-Match", "\"1\"").post("/v1/orders/connectors/payments", stripe("ssm:/k"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("connector.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(2);
        assertThat(a.get("/v1/orders/connectors/payments").json().path("adapter").asText()).isEqualTo("sandbox");

        // another tenant still has the sandbox, version 0
        assertThat(admin.get("/v1/orders/connectors/payments").json().path("version").asLong()).isZero();
    }

    @Test
    void badChoicesAreRefusedFieldByField() {
        Resp wrongPort = admin.post("/v1/orders/connectors/carrier", stripe("ssm:/k"));
        assertThat(wrongPort.status()).isEqualTo(422);
        assertThat(wrongPort.code()).isEqualTo("connector.adapter_not_supported");
        assertThat(wrongPort.json().path("adapters").toString()).contains("sandbox");

        Resp clearSecret = admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe",
                "secrets", Map.of("api_key", "sk_live_51Habc"), "settings", Map.of("colour", "blue", "api_base", "ftp://x")));
        assertThat(clearSecret.status()).isEqualTo(400);
        assertThat(clearSecret.text()).doesNotContain("sk_live_51Habc");
        List<String> codes = clearSecret.json().path("errors").findValuesAsText("code");
        List<String> fields = clearSecret.json().path("errors").findValuesAsText("field");
        assertThat(fields).contains("secrets.api_key", "settings.colour", "settings.api_base");
        assertThat(codes).contains("secret.reference_invalid", "field.unknown", "field.format");

        Resp noKey = admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe"));
        assertThat(noKey.json().path("errors").findValuesAsText("field")).contains("secrets.api_key");
        assertThat(admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe", "extra", 1)).json()
                .path("errors").findValuesAsText("code")).contains("field.unknown");
        assertThat(admin.post("/v1/orders/connectors/payments", Map.of("settings", Map.of())).json()
                .path("errors").findValuesAsText("field")).contains("adapter");
        assertThat(admin.get("/v1/orders/connectors/payments").json().path("version").asLong()).isZero();
    }

    @Test
    void onlyAdminsManageConnectors() {
        for (String role : List.of("supervisor", "agent", "finance", "service")) {
            Client c = as(tenant, "r-" + role, role);
            assertThat(c.get("/v1/orders/connectors").status()).as(role).isEqualTo(403);
            assertThat(c.post("/v1/orders/connectors/payments", Map.of("adapter", "sandbox")).code()).as(role).isEqualTo("auth.forbidden");
        }
        assertThat(anonymous().get("/v1/orders/connectors").status()).isEqualTo(401);
        assertThat(admin.header("X-Tenant-ID", "someone-else").get("/v1/orders/connectors").code()).isEqualTo("auth.tenant_mismatch");
    }

    @Test
    void theCallLogStartsEmptyAndPages() {
        Resp calls = admin.get("/v1/orders/connectors/payments/calls?limit=5");
        assertThat(calls.status()).as(calls.toString()).isEqualTo(200);
        assertThat(calls.json().path("data").size()).isZero();
        assertThat(calls.json().path("has_more").asBoolean()).isFalse();
        assertThat(admin.get("/v1/orders/connectors/payments/calls?limit=0").status()).isEqualTo(400);
        JsonNode health = admin.get("/v1/orders/connectors/payments").json().path("health");
        assertThat(health.path("sample_size").asInt()).isZero();
    }
}
