package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.security.Caller;
import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The admin API's step-up (docs/admin-api.md, "Sudo"): a fresh sign-in buys a 5-minute sudo token bound to the
 * session; every operation the contract marks {@code x-oms-sudo} refuses a call without one, with an expired one and
 * with another session's; the admin surface refuses customers.
 */
class AdminSudoIT {
    private final String tenant = newTenant();

    @Test
    void aFreshSignInStepsUpAndTheTokenIsBoundToItsSession() {
        Client ada = AdminKit.signIn(tenant, "ada", "supervisor");
        Resp sudo = ada.post("/v1/admin/sudo", Json.object().put("reauth_token", AdminKit.bearer(ada)));
        assertThat(sudo.status()).as(sudo.toString()).isEqualTo(200);
        assertThat(sudo.header("cache-control")).isEqualTo("no-store");
        Instant expires = Instant.parse(sudo.json().path("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
        String token = sudo.json().path("sudo_token").asText();
        assertThat(ada.header("X-Admin-Auth-Sudo", token).get("/v1/admin/permissions/me").json().path("sudo_active").asBoolean()).isTrue();
        // another session of the same person, and another person, cannot use it
        Client adaAgain = AdminKit.signIn(tenant, "ada", "supervisor");
        assertThat(adaAgain.header("X-Admin-Auth-Sudo", token).get("/v1/admin/permissions/me").json().path("sudo_active").asBoolean()).isFalse();
        Client bob = AdminKit.signIn(tenant, "bob", "supervisor");
        assertThat(bob.header("X-Admin-Auth-Sudo", token).get("/v1/admin/permissions/me").json().path("sudo_active").asBoolean()).isFalse();
        // nor can the sudo token serve as a bearer token
        assertThat(withAuthorization("Bearer " + token).get("/v1/admin/permissions/me").status()).isEqualTo(401);
    }

    @Test
    void aStaleForeignOrNonSignInTokenIsRefused() {
        Client ada = AdminKit.signIn(tenant, "ada", "supervisor");
        String stale = runtime().tokens().mint(new Caller(tenant, "ada", "agent", Set.of("supervisor"), null, null), 3600,
                Instant.now().minusSeconds(600));
        String bobs = AdminKit.bearer(AdminKit.signIn(tenant, "bob", "supervisor"));
        String otherTenant = AdminKit.bearer(AdminKit.signIn(newTenant(), "ada", "supervisor"));
        String noAuthTime = runtime().tokens().mint(new Caller(tenant, "ada", "agent", Set.of("supervisor"), null, null), 3600);
        for (String reauth : new String[] {stale, bobs, otherTenant, noAuthTime, "not-a-token"}) {
            Resp r = ada.post("/v1/admin/sudo", Json.object().put("reauth_token", reauth));
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("auth.reauth_failed");
        }
        Resp missing = ada.post("/v1/admin/sudo", Json.object());
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void onlyRolesWithAdminSudoMayStepUpAndOnlyStaffUseTheAdminSurface() {
        Client agent = AdminKit.signIn(tenant, "al", "agent");
        Resp r = agent.post("/v1/admin/sudo", Json.object().put("reauth_token", AdminKit.bearer(agent)));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("auth.forbidden");
        Resp customer = customer(tenant, "cus_1").get("/v1/admin/permissions/me");
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.code()).isEqualTo("auth.forbidden");
        assertThat(anonymous().get("/v1/admin/permissions/me").status()).isEqualTo(401);
        Resp me = AdminKit.signIn(tenant, "cs-1", "cs").get("/v1/admin/permissions/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"cs\"]");
        assertThat(me.json().path("permissions").toString()).contains("admin:sudo", "orders:search").doesNotContain("admin:keys");
    }

    @Test
    void everySudoOperationRefusesACallWithoutAnExpiredOrAForeignSudoToken() throws Exception {
        Client admin = AdminKit.signIn(tenant, "root", "admin");
        Client other = AdminKit.signIn(tenant, "root", "admin");
        String foreign = AdminKit.sudoToken(other);
        Instant past = Instant.now().minusSeconds(600);
        String expired = new SudoTokens(runtime().tokens(), Clock.fixed(past, ZoneOffset.UTC))
                .issue(new Caller(tenant, "root", "agent", Set.of("admin"), null, null), AdminKit.bearer(admin),
                        new Caller(tenant, "root", "agent", Set.of("admin"), null, null), past).token();
        for (String key : AdminKit.SUDO_ROUTES.get()) {
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x_1");
            Object body = Json.object().put("reason", "sudo sweep");
            for (Client c : new Client[] {admin, admin.header("X-Admin-Auth-Sudo", expired), admin.header("X-Admin-Auth-Sudo", foreign),
                    admin.header("X-Admin-Auth-Sudo", "garbage")}) {
                Resp r = c.send(method, path, method.equals("GET") ? null : body);
                assertThat(r.status()).as(key + " " + r).isEqualTo(403);
                assertThat(r.code()).as(key).isEqualTo("auth.sudo_required");
            }
        }
    }
}
