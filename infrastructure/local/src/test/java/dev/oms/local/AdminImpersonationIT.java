package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 impersonation (docs/admin-api.md#impersonation): the customer's consent under the tenant setting, read-only
 * by default, write with sudo and a reason, both identities on every audit row, the customer told, the token's limits;
 * roles and tenants.
 */
class AdminImpersonationIT {
    static String path(String orderId) { return "/v1/admin/orders/" + orderId + "/impersonate-customer"; }

    @Test
    void aConsentingCustomerIsImpersonatedReadOnlyOrWithSudoForWritesAndEveryWriteNamesBothIdentities() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "sup-imp", "supervisor");
        String orderId = create(sup, order("c-imp"));
        Client customer = customer(t, "c-imp");

        Resp refused = sup.post(path(orderId), Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("impersonation.not_consented");
        assertThat(customer.get("/v1/customer/impersonation-consent").json().path("allowed").isNull()).isTrue();
        Resp optIn = customer.header("Idempotency-Key", "imp-consent-1").post("/v1/customer/impersonation-consent", Map.of("allowed", true));
        assertThat(optIn.status()).as(optIn.toString()).isEqualTo(200);
        assertThat(optIn.json().path("allowed").asBoolean()).isTrue();
        assertThat(customer.get("/v1/customer/impersonation-consent").json().path("allowed").asBoolean()).isTrue();

        // read-only by default: reads the customer's order, writes nothing
        Resp read = sup.post(path(orderId), Map.of("ttl_seconds", 120));
        assertThat(read.status()).as(read.toString()).isEqualTo(201);
        assertThat(read.header("cache-control")).isEqualTo("no-store");
        JsonNode grant = read.json();
        assertThat(grant.path("mode").asText()).isEqualTo("read");
        assertThat(grant.path("customer_id").asText()).isEqualTo("c-imp");
        assertThat(grant.path("impersonator").asText()).isEqualTo("sup-imp");
        assertThat(Instant.parse(grant.path("expires_at").asText())).isBetween(Instant.now().plus(100, ChronoUnit.SECONDS), Instant.now().plus(121, ChronoUnit.SECONDS));
        Client asCustomer = withAuthorization("Bearer " + grant.path("token").asText());
        assertThat(asCustomer.get("/v1/customer/orders/" + orderId).status()).isEqualTo(200);
        Resp write = asCustomer.post("/v1/customer/orders/" + orderId + "/messages", Map.of("text", "hello from support"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("auth.read_only");
        assertThat(asCustomer.get("/v1/admin/orders/" + orderId).status()).isEqualTo(403);
        assertThat(asCustomer.post("/v1/admin/sudo", Map.of("reauth_token", grant.path("token").asText())).status()).isEqualTo(403);

        // write: sudo and a reason
        Resp noSudo = sup.post(path(orderId), Map.of("mode", "write", "reason", "customer on the phone"));
        assertThat(noSudo.code()).isEqualTo("auth.sudo_required");
        Client stepped = AdminKit.stepUp(sup);
        assertThat(stepped.post(path(orderId), Map.of("mode", "write")).code()).isEqualTo("validation.reason_required");
        Resp granted = stepped.post(path(orderId), Map.of("mode", "write", "reason", "customer on the phone"));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        Client writer = withAuthorization("Bearer " + granted.json().path("token").asText());
        Resp posted = writer.post("/v1/customer/orders/" + orderId + "/messages", Map.of("text", "We fixed the address for you"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        // the impersonation cannot change the customer's own choice
        assertThat(writer.post("/v1/customer/impersonation-consent", Map.of("allowed", true)).code()).isEqualTo("impersonation.consent_by_customer_only");

        // both identities on the audit rows; the impersonations on the timeline
        boolean both = false;
        int impersonations = 0;
        for (JsonNode e : sup.get("/v1/admin/orders/" + orderId + "/audit?limit=100").json().path("data")) {
            if ("c-imp".equals(e.path("actor").path("id").asText()) && "sup-imp".equals(e.path("impersonated_by").asText())) both = true;
            if (e.path("type").asText().equals("order.customer_impersonated")) {
                impersonations++;
                assertThat(e.path("data").path("impersonator").asText()).isEqualTo("sup-imp");
            }
        }
        assertThat(both).as("an audit row with the customer as actor and the supervisor as impersonator").isTrue();
        assertThat(impersonations).isEqualTo(2);

        // opted out: refused again
        assertThat(customer.post("/v1/customer/impersonation-consent", Map.of("allowed", false)).status()).isEqualTo(200);
        assertThat(sup.post(path(orderId), Map.of()).code()).isEqualTo("impersonation.not_consented");
    }

    @Test
    void theTenantSettingDecidesForCustomersWhoNeverChose() {
        String t = newTenant();
        Client admin = AdminKit.signIn(t, "admin-imp", "admin");
        String orderId = create(admin, order("c-imp2"));
        String optedOut = create(admin, order("c-imp3"));
        assertThat(customer(t, "c-imp3").post("/v1/customer/impersonation-consent", Map.of("allowed", false)).status()).isEqualTo(200);
        assertThat(admin.post(path(orderId), Map.of()).code()).isEqualTo("impersonation.not_consented");
        Resp all = admin.patch("/v1/orders/settings", Map.of("impersonation_consent", "all_customers", "reason", "covered by our terms"));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("impersonation_consent").asText()).isEqualTo("all_customers");
        assertThat(admin.post(path(orderId), Map.of()).status()).isEqualTo(201);
        assertThat(admin.post(path(optedOut), Map.of()).code()).isEqualTo("impersonation.not_consented");
        assertThat(admin.patch("/v1/orders/settings", Map.of("impersonation_consent", "disabled")).status()).isEqualTo(200);
        assertThat(admin.post(path(orderId), Map.of()).code()).isEqualTo("impersonation.not_consented");
        assertThat(admin.patch("/v1/orders/settings", Map.of("impersonation_consent", "sometimes")).status()).isEqualTo(400);
    }

    @Test
    void rolesTenantsAndBadInputAreRefused() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "sup-imp3", "supervisor");
        String orderId = create(sup, order("c-imp4"));
        assertThat(customer(t, "c-imp4").post("/v1/customer/impersonation-consent", Map.of("allowed", true)).status()).isEqualTo(200);
        assertThat(as(t, "agent-imp", "agent").post(path(orderId), Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(customer(t, "c-imp4").post(path(orderId), Map.of()).status()).isEqualTo(403);
        assertThat(AdminKit.signIn(newTenant(), "sup-x", "supervisor").post(path(orderId), Map.of()).code()).isEqualTo("order.not_found");
        assertThat(sup.header("Idempotency-Key", "imp-1").post(path(orderId), Map.of()).code()).isEqualTo("idempotency.not_supported");
        assertThat(sup.post(path(orderId), Map.of("mode", "admin")).status()).isEqualTo(400);
        assertThat(sup.post(path(orderId), Map.of("ttl_seconds", 3600)).status()).isEqualTo(400);
        assertThat(sup.post(path(orderId), Map.of("scope", "all")).status()).isEqualTo(400);
        assertThat(customer(t, "c-imp4").post("/v1/customer/impersonation-consent", Map.of("allowed", "yes")).status()).isEqualTo(400);
        assertThat(customer(t, "c-imp4").post("/v1/customer/impersonation-consent", Map.of()).status()).isEqualTo(400);
        assertThat(sup.post("/v1/customer/impersonation-consent", Map.of("allowed", true)).status()).isEqualTo(403);
    }
}
