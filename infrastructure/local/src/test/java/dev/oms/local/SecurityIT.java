package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.security.Caller;
import dev.oms.platform.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityIT {
    static String tenant;
    static Client agent;
    static String aliceOrder;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-sec", "agent");
        aliceOrder = create(agent, order("alice"));
    }

    @Test
    void requestsWithoutAValidTokenGet401ProblemJson() {
        Resp none = anonymous().get("/v1/orders");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("content-type")).isEqualTo("application/problem+json");
        assertThat(none.code()).isEqualTo("auth.missing_token");

        assertThat(withAuthorization("Basic dXNlcjpwYXNz").get("/v1/orders").status()).isEqualTo(401);
        assertThat(withAuthorization("Bearer not.a.token").get("/v1/orders").code()).isEqualTo("auth.invalid_token");

        TokenService otherSecret = new TokenService("another-secret-another-secret-another!".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        String forged = otherSecret.mint(new Caller(tenant, "mallory", "agent", Set.of("admin"), null, null), 3600);
        assertThat(withAuthorization("Bearer " + forged).get("/v1/orders").status()).isEqualTo(401);

        TokenService past = new TokenService(LocalRuntime.DEFAULT_SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
        String expired = past.mint(new Caller(tenant, "agent-sec", "agent", Set.of("agent"), null, null), 60);
        Resp r = withAuthorization("Bearer " + expired).get("/v1/orders");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("detail").asText()).contains("expired");
        assertThat(r.code()).isEqualTo("auth.expired_token");
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        Client stranger = as(newTenant(), "agent-x", "admin");
        Resp r = stranger.get("/v1/orders/" + aliceOrder);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("order.not_found");
        assertThat(stranger.patch("/v1/orders/" + aliceOrder, Map.of("metadata", Map.of("a", "b"))).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/orders/" + aliceOrder + "/hold", Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/orders/" + aliceOrder + "/timeline").status()).isEqualTo(404);
        assertThat(stranger.get("/v1/orders").json().path("data")).isEmpty();
        assertThat(agent.header("X-Tenant-ID", "someone-else").get("/v1/orders").code()).isEqualTo("auth.tenant_mismatch");
        assertThat(agent.header("X-Tenant-ID", tenant).get("/v1/orders").status()).isEqualTo(200);
    }

    @Test
    void aCustomerSeesOnlyItsOwnOrders() {
        Client alice = customer(tenant, "alice");
        Client bob = customer(tenant, "bob");
        assertThat(alice.get("/v1/orders/" + aliceOrder).status()).isEqualTo(200);
        Resp bobsView = bob.get("/v1/orders/" + aliceOrder);
        assertThat(bobsView.status()).isEqualTo(404);
        assertThat(bobsView.code()).isEqualTo("order.not_found");
        assertThat(bob.get("/v1/orders").json().path("data")).isEmpty();
        assertThat(bob.get("/v1/orders?customer_id=alice").json().path("data")).isEmpty();
        assertThat(alice.get("/v1/orders").json().path("data").findValuesAsText("id")).contains(aliceOrder);

        // a customer never creates a canonical order: its prices would come from the request (they come from a cart)
        Resp own = bob.post("/v1/orders", order(null));
        assertThat(own.status()).as(own.toString()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("auth.forbidden");
        assertThat(bob.post("/v1/orders", order("alice")).status()).isEqualTo(403);
        String bobsOrder = agent.post("/v1/orders", order("bob")).json().path("id").asText();
        assertThat(bob.get("/v1/orders/" + bobsOrder).status()).isEqualTo(200);
        assertThat(bob.post("/v1/orders/" + bobsOrder + "/confirm", null).status()).isEqualTo(403);
        assertThat(bob.get("/v1/orders/" + aliceOrder + "/timeline").status()).isEqualTo(403);
    }

    @Test
    void rolesOnlyAllowWhatThePermissionTableSays() {
        Client finance = as(tenant, "fin-1", "finance");
        assertThat(finance.get("/v1/orders/" + aliceOrder).status()).isEqualTo(200);
        Resp r = finance.post("/v1/orders", order("alice"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("auth.forbidden");
        assertThat(finance.get("/v1/orders/audit").status()).isEqualTo(200);
        assertThat(agent.get("/v1/orders/audit").status()).isEqualTo(403);
        assertThat(agent.delete("/v1/orders/" + aliceOrder).status()).isEqualTo(403);
        assertThat(as(tenant, "picker-1", "picker").get("/v1/orders").status()).isEqualTo(403);
    }
}
