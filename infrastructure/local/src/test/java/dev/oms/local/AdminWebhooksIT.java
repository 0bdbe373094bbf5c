package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Admin webhooks (docs/admin-operations.md): subscriptions created and listed on the admin surface are the ones of
 * {@code /v1/orders/webhooks} (one store, one engine): the secret once, replays, the same validation, roles, tenants.
 */
class AdminWebhooksIT {
    private final String tenant = newTenant();
    private final Client admin = AdminKit.signIn(tenant, "hooks-root", "admin");

    @Test
    void aSubscriptionMadeOnTheAdminSurfaceIsTheOrdersOne() {
        Client keyed = admin.header("Idempotency-Key", "hook-1");
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/oms", "events", List.of("order.created"), "description", "ERP");
        Resp created = keyed.post("/v1/admin/webhooks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("secret").asText()).startsWith("whsec_");
        assertThat(created.header("location")).isEqualTo("/v1/orders/webhooks/" + id);
        Resp replay = keyed.post("/v1/admin/webhooks", body);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(id);

        JsonNode listed = admin.get("/v1/admin/webhooks").json().path("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(admin.get("/v1/orders/webhooks").json().path("data").get(0).path("id").asText()).isEqualTo(id);
        assertThat(admin.get("/v1/orders/webhooks/" + id).status()).isEqualTo(200);
    }

    @Test
    void badSubscriptionsRolesAndOtherTenantsAreRefused() {
        Resp unknownType = admin.post("/v1/admin/webhooks", Map.of("url", "http://127.0.0.1:9/oms", "events", List.of("order.exploded")));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().path("errors").get(0).path("code").asText()).isEqualTo("events.unknown_type");
        Resp notHttps = admin.post("/v1/admin/webhooks", Map.of("url", "http://example.com/oms", "events", List.of("*")));
        assertThat(notHttps.status()).isEqualTo(400);
        assertThat(admin.post("/v1/admin/webhooks", Map.of("url", "http://127.0.0.1:9/oms", "events", List.of("*"), "retries", 3)).status()).isEqualTo(400);
        assertThat(admin.get("/v1/admin/webhooks").json().path("data")).isEmpty();

        Client agent = AdminKit.signIn(tenant, "hooks-agent", "agent"); // no webhooks:manage
        assertThat(agent.get("/v1/admin/webhooks").code()).isEqualTo("auth.forbidden");
        assertThat(agent.post("/v1/admin/webhooks", Map.of("url", "http://127.0.0.1:9/oms", "events", List.of("*"))).code()).isEqualTo("auth.forbidden");
        assertThat(customer(tenant, "c-hooks").get("/v1/admin/webhooks").code()).isEqualTo("auth.forbidden");

        admin.post("/v1/admin/webhooks", Map.of("url", "http://127.0.0.1:9/mine", "events", List.of("*")));
        assertThat(AdminKit.signIn(newTenant(), "hooks-other", "admin").get("/v1/admin/webhooks").json().path("data")).isEmpty();
    }
}
