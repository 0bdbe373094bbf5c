package dev.oms.local;

import static dev.oms.local.TestSystem.runtime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.security.Caller;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Helpers of the admin API tests: signed-in staff, the sudo step-up, the contract's sudo and reason operations. */
final class AdminKit {
    private AdminKit() { }

    private static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A staff member who has just signed in (the token carries auth_time = now, like POST /local/token). Each sign-in
     * is another session: its token differs from every other's (its lifetime does, by a second per sign-in).
     */
    static TestSystem.Client signIn(String tenant, String subject, String... roles) {
        Set<String> set = new LinkedHashSet<>(List.of(roles));
        Caller c = new Caller(tenant, subject, TokenService.defaultKind(set), set, null, null);
        return TestSystem.withAuthorization("Bearer " + runtime().tokens().mint(c, 3600 - SESSIONS.incrementAndGet() % 1800, Instant.now()));
    }

    static String bearer(TestSystem.Client client) { return client.authorization().substring(7); }

    /** A sudo token for the client's session: its own (fresh) bearer token re-authenticates it. */
    static String sudoToken(TestSystem.Client client) {
        TestSystem.Resp r = client.post("/v1/admin/sudo", Json.object().put("reauth_token", bearer(client)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("sudo_token").asText();
    }

    /** The client, sending a live sudo token on every request. */
    static TestSystem.Client stepUp(TestSystem.Client client) { return client.header("X-Admin-Auth-Sudo", sudoToken(client)); }

    static final Supplier<Set<String>> SUDO_ROUTES = () -> marked("x-oms-sudo");
    static final Supplier<Set<String>> REASON_ROUTES = () -> marked("x-oms-reason-required");

    private static Set<String> marked(String extension) {
        Set<String> keys = new TreeSet<>();
        ContractResponses.SPEC.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (m.getValue().path(extension).asBoolean(false)) keys.add(m.getKey().toUpperCase() + " " + p.getKey());
        }));
        return keys;
    }
}
