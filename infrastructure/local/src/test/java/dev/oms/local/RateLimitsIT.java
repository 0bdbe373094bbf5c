package dev.oms.local;

import static dev.oms.local.TestSystem.as;
import static dev.oms.local.TestSystem.customer;
import static dev.oms.local.TestSystem.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.local.TestSystem.Client;
import dev.oms.local.TestSystem.Resp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request quotas of every surface (docs/customer-care.md, "Rate limits"): per principal and per tenant, 429 with
 * Retry-After and the IETF RateLimit fields, recovery in the next window, the settings that set them, and
 * {@code GET /v1/customer/rate-limits}.
 */
class RateLimitsIT {

    /** Sets the tenant's quotas (the admin's own request counts against the defaults, before the change). */
    private static void quotas(String tenant, Map<String, Object> limits) {
        Resp r = as(tenant, "admin-1", "admin").patch("/v1/orders/settings", Map.of("rate_limits", limits, "reason", "test quotas"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("rate_limits").path("window_seconds").asInt()).isEqualTo(((Number) limits.get("window_seconds")).intValue());
    }

    /** Waits for the start of a fresh window of {@code seconds}, so a test's requests fall in one window. */
    private static void atTheStartOfAWindow(int seconds) throws InterruptedException {
        long now = System.currentTimeMillis();
        long next = (now / (seconds * 1000L) + 1) * seconds * 1000L;
        Thread.sleep(next - now + 20);
    }

    @Test
    void aPrincipalPastItsQuotaGets429WithRetryAfterAndTheHeadersAndRecoversInTheNextWindow() throws Exception {
        String tenant = newTenant();
        quotas(tenant, Map.of("window_seconds", 5, "principal_requests", 3, "tenant_requests", 100));
        Client c1 = customer(tenant, "cus-1");
        Client c2 = customer(tenant, "cus-2");
        atTheStartOfAWindow(5);
        for (int i = 0; i < 3; i++) {
            Resp ok = c1.get("/v1/customer/rate-limits");
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.header("ratelimit-policy")).isEqualTo("\"tenant\";q=100;w=5, \"principal\";q=3;w=5");
            assertThat(ok.header("ratelimit")).contains("\"principal\";r=" + (2 - i) + ";t=");
        }
        Resp refused = c1.get("/v1/customer/rate-limits");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limit.exceeded");
        assertThat(refused.json().path("quota").asText()).isEqualTo("principal");
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("retry-after"));
        assertThat(retryAfter).isBetween(1L, 5L);
        assertThat(refused.header("ratelimit")).contains("\"principal\";r=0;t=" + retryAfter);
        // any route, any surface: the orders API refuses the same principal too
        assertThat(c1.get("/v1/orders").status()).isEqualTo(429);
        // another principal of the tenant is not held back by the first one
        Resp other = c2.get("/v1/orders");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.header("ratelimit")).contains("\"principal\";r=2;");

        Thread.sleep(retryAfter * 1000 + 100);
        Resp recovered = c1.get("/v1/customer/rate-limits");
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        assertThat(recovered.json().path("quotas").get(1).path("name").asText()).isEqualTo("principal");
        assertThat(recovered.json().path("quotas").get(1).path("limit").asLong()).isEqualTo(3);
        assertThat(recovered.json().path("quotas").get(1).path("used").asLong()).isEqualTo(1);
        assertThat(recovered.json().path("quotas").get(1).path("remaining").asLong()).isEqualTo(2);
        assertThat(recovered.json().path("guest_lookup").path("per_order").asLong()).isEqualTo(10);
    }

    @Test
    void theTenantsQuotaHoldsAcrossItsPrincipalsAndOtherTenantsAreNotTouched() throws Exception {
        String tenant = newTenant();
        quotas(tenant, Map.of("window_seconds", 5, "principal_requests", 3, "tenant_requests", 4));
        Client c1 = customer(tenant, "cus-1");
        Client c2 = customer(tenant, "cus-2");
        Client agent = as(tenant, "agent-1", "agent");
        atTheStartOfAWindow(5);
        assertThat(c1.get("/v1/customer/rate-limits").status()).isEqualTo(200);
        assertThat(c1.get("/v1/customer/rate-limits").status()).isEqualTo(200);
        assertThat(c2.get("/v1/customer/rate-limits").status()).isEqualTo(200);
        Resp last = agent.get("/v1/orders");
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.header("ratelimit")).contains("\"tenant\";r=0;");
        Resp refused = c2.get("/v1/orders/ord_missing");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().path("quota").asText()).isEqualTo("tenant");
        assertThat(refused.header("retry-after")).isNotNull();
        // a refusal by the tenant's quota does not use up the principal's
        Thread.sleep(Long.parseLong(refused.header("retry-after")) * 1000 + 100);
        Resp again = c2.get("/v1/orders/ord_missing");
        assertThat(again.status()).as("404 after recovery, with the headers: " + again).isEqualTo(404);
        assertThat(again.header("ratelimit-policy")).contains("\"tenant\";q=4;w=5");
        // another tenant has its own (default) quotas
        Resp elsewhere = customer(newTenant(), "cus-1").get("/v1/customer/rate-limits");
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.header("ratelimit-policy")).isEqualTo("\"tenant\";q=12000;w=60, \"principal\";q=1200;w=60");
    }

    @Test
    void badQuotasAreRefusedAndNullPutsTheDefaultsBack() {
        String tenant = newTenant();
        Client admin = as(tenant, "admin-1", "admin");
        Resp bad = admin.patch("/v1/orders/settings", Map.of("rate_limits", Map.of("window_seconds", 0, "principal_requests", 5, "tenant_requests", 4)));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request.invalid");
        Resp inconsistent = admin.patch("/v1/orders/settings", Map.of("rate_limits", Map.of("principal_requests", 50, "tenant_requests", 40)));
        assertThat(inconsistent.status()).as(inconsistent.toString()).isEqualTo(400);
        assertThat(inconsistent.json().path("errors").toString()).contains("rate_limits.principal_requests", "field.out_of_range");
        Resp unknown = admin.patch("/v1/orders/settings", Map.of("rate_limits", Map.of("per_hour", 5)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").toString()).contains("field.unknown");

        Resp set = admin.patch("/v1/orders/settings", Map.of("rate_limits", Map.of("principal_requests", 500)));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("rate_limits").path("principal_requests").asLong()).isEqualTo(500);
        assertThat(set.json().path("rate_limits").path("tenant_requests").asLong()).isEqualTo(12000);
        assertThat(admin.get("/v1/orders").header("ratelimit-policy")).contains("\"principal\";q=500;w=60");
        assertThat(admin.get("/v1/orders/settings/history").json().path("data").get(0).path("changes").get(0).path("field").asText())
                .isEqualTo("rate_limits");

        java.util.Map<String, Object> reset = new java.util.HashMap<>();
        reset.put("rate_limits", null);
        Resp back = admin.patch("/v1/orders/settings", reset);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().path("rate_limits").path("principal_requests").asLong()).isEqualTo(1200);
        // only admins change them; customers cannot read the settings
        assertThat(as(tenant, "agent-1", "agent").patch("/v1/orders/settings", Map.of("rate_limits", Map.of("principal_requests", 5))).status()).isEqualTo(403);
    }

    @Test
    void theRateLimitsRouteNeedsATokenAndTakesNoParameters() {
        String tenant = newTenant();
        Resp anonymous = TestSystem.anonymous().get("/v1/customer/rate-limits");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("ratelimit")).isNull();
        Resp bad = customer(tenant, "cus-1").get("/v1/customer/rate-limits?window=1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("ratelimit")).as("a refused request still counts and says so").isNotNull();
    }
}
