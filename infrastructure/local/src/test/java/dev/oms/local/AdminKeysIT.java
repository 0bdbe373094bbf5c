package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API keys (docs/admin-api.md, "API keys"): created with sudo and shown once, listed without secrets, accepted as a
 * bearer credential on every surface with the key's roles in the key's tenant, refused when wrong, and never a way
 * to a sudo token.
 */
class AdminKeysIT {
    private final String tenant = newTenant();
    private final Client admin = AdminKit.signIn(tenant, "keys-root", "admin");

    private Resp createKey(Client c, Object body) { return c.post("/v1/admin/keys", body); }

    @Test
    void aKeyIsShownOnceListedWithoutItsSecretAndAcceptedAsABearerCredential() {
        Client sudo = AdminKit.stepUp(admin);
        Resp created = createKey(sudo, Map.of("name", "ERP sync", "roles", List.of("service")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("cache-control")).isEqualTo("no-store");
        JsonNode key = created.json();
        String secret = key.path("secret").asText();
        assertThat(secret).startsWith(key.path("prefix").asText() + "_").startsWith("omsk_key_");
        assertThat(key.path("roles").toString()).isEqualTo("[\"service\"]");
        assertThat(key.path("created_by").asText()).isEqualTo("keys-root");
        assertThat(Instant.parse(key.path("expires_at").asText())).isBetween(Instant.now().plus(89, ChronoUnit.DAYS), Instant.now().plus(91, ChronoUnit.DAYS));

        Resp list = admin.get("/v1/admin/keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(list.json().path("data").get(0).path("id").asText()).isEqualTo(key.path("id").asText());
        assertThat(list.text()).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
        assertThat(list.json().path("data").get(0).path("last_used_at").isNull()).as("never used yet").isTrue();

        // the key is a credential: the service role in its tenant, and nothing of another tenant
        Client integration = TestSystem.withAuthorization("Bearer " + secret);
        String id = create(integration, order("c-key"));
        assertThat(integration.get("/v1/orders/" + id).status()).isEqualTo(200);
        JsonNode byKey = admin.get("/v1/orders/audit?actor=apikey:" + key.path("id").asText()).json().path("data");
        assertThat(byKey).hasSize(1);
        assertThat(byKey.get(0).path("type").asText()).isEqualTo("order.created");
        assertThat(byKey.get(0).path("order_id").asText()).isEqualTo(id);
        String other = newTenant();
        String foreign = create(AdminKit.signIn(other, "other-root", "admin"), order("c-other"));
        assertThat(integration.get("/v1/orders/" + foreign).status()).isEqualTo(404);
        assertThat(integration.get("/v1/admin/keys").code()).isEqualTo("auth.forbidden"); // service has no admin:keys
        assertThat(admin.get("/v1/admin/keys").json().path("data").get(0).path("last_used_at").asText()).as("its last use").isNotBlank();

        // a wrong, truncated or foreign-shaped secret is 401; a key never steps up
        String wrong = secret.substring(0, secret.length() - 1) + (secret.endsWith("0") ? "1" : "0"); // one character off, never the secret itself
        assertThat(TestSystem.withAuthorization("Bearer " + wrong).get("/v1/orders/" + id).status()).isEqualTo(401);
        assertThat(TestSystem.withAuthorization("Bearer omsk_key_nothing_abc").get("/v1/orders/" + id).status()).isEqualTo(401);
        assertThat(TestSystem.withAuthorization("Bearer " + secret.substring(0, secret.lastIndexOf('_'))).get("/v1/orders/" + id).status()).isEqualTo(401);
        Resp step = AdminKit.signIn(tenant, "keys-super", "supervisor").post("/v1/admin/sudo", Map.of("reauth_token", secret));
        assertThat(step.code()).isEqualTo("auth.reauth_failed");
    }

    @Test
    void creationIsValidatedAndNeedsAdminKeysAndSudo() {
        Client sudo = AdminKit.stepUp(admin);
        assertThat(createKey(admin, Map.of("name", "x", "roles", List.of("service"))).code()).isEqualTo("auth.sudo_required");
        Client supervisor = AdminKit.signIn(tenant, "keys-sup", "supervisor");
        assertThat(createKey(AdminKit.stepUp(supervisor), Map.of("name", "x", "roles", List.of("service"))).code()).isEqualTo("auth.forbidden");
        assertThat(supervisor.get("/v1/admin/keys").code()).isEqualTo("auth.forbidden");
        Resp customerRole = createKey(sudo, Map.of("name", "x", "roles", List.of("customer")));
        assertThat(customerRole.status()).isEqualTo(400);
        assertThat(customerRole.json().path("errors").get(0).path("code").asText()).isEqualTo("api_key.role_unknown");
        assertThat(createKey(sudo, Map.of("name", "x", "roles", List.of("wizard"))).status()).isEqualTo(400);
        Resp past = createKey(sudo, Map.of("name", "x", "roles", List.of("service"), "expires_at", "2020-01-01T00:00:00Z"));
        assertThat(past.json().path("errors").get(0).path("code").asText()).isEqualTo("api_key.expiry_invalid");
        assertThat(createKey(sudo, Map.of("name", "x", "roles", List.of("service"), "expires_at",
                Instant.now().plus(400, ChronoUnit.DAYS).toString())).status()).isEqualTo(400);
        assertThat(createKey(sudo, Map.of("name", "x", "roles", List.of())).status()).isEqualTo(400);
        assertThat(createKey(sudo, Map.of("roles", List.of("service"))).status()).isEqualTo(400);
        assertThat(createKey(sudo, Map.of("name", "x", "roles", List.of("service"), "scopes", List.of())).status()).isEqualTo(400);
        assertThat(createKey(sudo.header("Idempotency-Key", "key-1"), Map.of("name", "x", "roles", List.of("service"))).code())
                .isEqualTo("idempotency.not_supported");
        // nothing of the refused requests was stored; another tenant sees none of this tenant's keys
        assertThat(admin.get("/v1/admin/keys").json().path("data")).isEmpty();
        Resp ok = createKey(sudo, Map.of("name", "short", "roles", List.of("agent", "finance"),
                "expires_at", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(AdminKit.signIn(newTenant(), "root-2", "admin").get("/v1/admin/keys").json().path("data")).isEmpty();
        JsonNode audit = admin.get("/v1/orders/audit?action=api_key.created").json().path("data");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").path("id").asText()).isEqualTo("keys-root");
        assertThat(audit.get(0).path("order_id").isNull()).isTrue();
    }

    @Test
    void everyRoleTheTableGrantsAdminSudoObtainsASudoToken() {
        for (String role : List.of("admin", "supervisor", "finance", "billing", "cs")) {
            assertThat(AdminKit.sudoToken(AdminKit.signIn(tenant, "sudo-" + role, role))).as(role).isNotBlank();
        }
        Client agent = AdminKit.signIn(tenant, "sudo-agent", "agent");
        assertThat(agent.post("/v1/admin/sudo", Map.of("reauth_token", AdminKit.bearer(agent))).code()).isEqualTo("auth.forbidden");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndTheRevocationNeedsSudoAReasonAndTheTenant() {
        Client sudo = AdminKit.stepUp(admin);
        JsonNode key = createKey(sudo, Map.of("name", "to revoke", "roles", List.of("service"))).json();
        String keyId = key.path("id").asText();
        Client integration = TestSystem.withAuthorization("Bearer " + key.path("secret").asText());
        String id = create(integration, order("c-revoke"));
        String revoke = "/v1/admin/keys/" + keyId + "/revoke";

        // refused: no sudo, no reason, a role without admin:keys, another tenant (404), an unknown key (404)
        assertThat(admin.post(revoke, Map.of("reason", "leaked")).code()).isEqualTo("auth.sudo_required");
        assertThat(sudo.post(revoke, Map.of()).code()).isEqualTo("validation.reason_required");
        assertThat(sudo.post(revoke, Map.of("reason", "leaked", "now", true)).status()).isEqualTo(400);
        Client supervisor = AdminKit.stepUp(AdminKit.signIn(tenant, "keys-sup-2", "supervisor"));
        assertThat(supervisor.post(revoke, Map.of("reason", "leaked")).code()).isEqualTo("auth.forbidden");
        Client otherAdmin = AdminKit.stepUp(AdminKit.signIn(newTenant(), "root-3", "admin"));
        assertThat(otherAdmin.post(revoke, Map.of("reason", "leaked")).code()).isEqualTo("api_key.not_found");
        assertThat(sudo.post("/v1/admin/keys/key_00000000000000000000000000/revoke", Map.of("reason", "leaked")).code()).isEqualTo("api_key.not_found");
        assertThat(integration.get("/v1/orders/" + id).status()).isEqualTo(200);

        // revoked: the answer shows revoked_at, the key is refused on the next request, a replay answers the same
        Client keyed = sudo.header("Idempotency-Key", "revoke-1");
        Resp done = keyed.post(revoke, Map.of("reason", "leaked in a log"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("revoked_at").isTextual()).isTrue();
        assertThat(done.json().has("secret")).isFalse();
        assertThat(integration.get("/v1/orders/" + id).status()).isEqualTo(401);
        Resp replay = keyed.post(revoke, Map.of("reason", "leaked in a log"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("revoked_at").asText()).isEqualTo(done.json().path("revoked_at").asText());
        assertThat(sudo.post(revoke, Map.of("reason", "again")).code()).isEqualTo("api_key.revoked");
        assertThat(admin.get("/v1/admin/keys").json().path("data").get(0).path("revoked_at").asText()).isEqualTo(done.json().path("revoked_at").asText());

        // audited once, with the reason, the actor and the key as subject
        JsonNode audit = admin.get("/v1/orders/audit?action=api_key.revoked").json().path("data");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").path("id").asText()).isEqualTo("keys-root");
        assertThat(audit.get(0).path("reason").asText()).isEqualTo("leaked in a log");
        assertThat(audit.get(0).path("data").path("key_id").asText()).isEqualTo(keyId);
    }
}
