package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 000 section 16 end to end: policies are managed over the API and each one fires on new orders, as its own actor. */
class OrderPoliciesIT {

    @Test
    void fraudTotalAboveHoldsLargeOrdersWithThePolicyAsActor() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        Resp created = admin.post("/v1/orders/policies", Map.of("type", "fraud_total_above", "name", "Large", "amounts", Map.of("GBP", 4000)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String policy = created.json().path("id").asText();
        String big = create(admin, order("c-big"));   // 4990 GBP
        JsonNode held = awaitStatus(admin, big, "on_hold");
        assertThat(held.path("holds").get(0).path("type").asText()).isEqualTo("fraud");
        JsonNode event = lastEvent(admin, big, "order.held");
        assertThat(event.path("actor").path("id").asText()).isEqualTo(policy);
        assertThat(event.path("actor").path("type").asText()).isEqualTo("policy");
        assertThat(event.path("reason").asText()).contains("fraud_total_above");
        // an agent cannot release a fraud hold; a fraud analyst can
        String holdId = held.path("holds").get(0).path("id").asText();
        assertThat(as(t, "agent-p", "agent").post("/v1/orders/" + big + "/release", Map.of("hold_id", holdId)).status()).isEqualTo(403);

        admin.patch("/v1/orders/policies/" + policy, Map.of("amounts", Map.of("GBP", 10000)));
        String fine = create(admin, order("c-small"));
        assertThat(lastEvent(admin, fine, "order.created")).isNotNull();
        sleepForPolicies();
        assertThat(admin.get("/v1/orders/" + fine).json().path("status").asText()).isEqualTo("created");
    }

    @Test
    void fraudCountryMismatchHoldsOrdersShippedElsewhere() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        admin.post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch"));
        ObjectNode body = order("c-abroad");
        body.set("billing_address", address("FR"));
        String abroad = create(admin, body);
        awaitStatus(admin, abroad, "on_hold");
        assertThat(lastEvent(admin, abroad, "order.held").path("data").path("reason").asText()).contains("billing country FR");
    }

    @Test
    void fraudVelocityHoldsTheNthOrderOfOneCustomer() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        admin.post("/v1/orders/policies", Map.of("type", "fraud_velocity", "max_orders", 3, "within_hours", 1));
        String first = create(admin, order("c-fast"));
        String second = create(admin, order("c-fast"));
        String other = create(admin, order("c-slow"));
        String third = create(admin, order("c-fast"));
        awaitStatus(admin, third, "on_hold");
        sleepForPolicies();
        for (String id : List.of(first, second, other)) assertThat(admin.get("/v1/orders/" + id).json().path("status").asText()).isEqualTo("created");
    }

    @Test
    void autoConfirmConfirmsSmallOrdersFromTrustedChannelsOnly() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        admin.patch("/v1/orders/settings", Map.of("auto_confirm_thresholds", Map.of("GBP", 5000)));
        String policy = admin.post("/v1/orders/policies", Map.of("type", "auto_confirm", "channels", List.of("web-uk"))).json().path("id").asText();
        String trusted = create(admin, paidOrder(admin, "c-1", "authorized"));
        awaitStatus(admin, trusted, "confirmed");
        assertThat(lastEvent(admin, trusted, "order.confirmed").path("actor").path("id").asText()).isEqualTo(policy);

        ObjectNode otherChannel = paidOrder(admin, "c-2", "authorized");
        otherChannel.put("channel", "marketplace");
        String untrusted = create(admin, otherChannel);
        admin.patch("/v1/orders/settings", Map.of("auto_confirm_thresholds", Map.of("GBP", 100)));
        String tooBig = create(admin, paidOrder(admin, "c-3", "authorized"));
        sleepForPolicies();
        assertThat(admin.get("/v1/orders/" + untrusted).json().path("status").asText()).isEqualTo("created");
        assertThat(admin.get("/v1/orders/" + tooBig).json().path("status").asText()).isEqualTo("created");

        // disabled, it no longer fires
        admin.patch("/v1/orders/settings", Map.of("auto_confirm_thresholds", Map.of("GBP", 5000)));
        assertThat(admin.patch("/v1/orders/policies/" + policy, Map.of("enabled", false)).json().path("enabled").asBoolean()).isFalse();
        String afterDisable = create(admin, paidOrder(admin, "c-4", "authorized"));
        sleepForPolicies();
        assertThat(admin.get("/v1/orders/" + afterDisable).json().path("status").asText()).isEqualTo("created");
    }

    @Test
    void policiesAreValidatedVersionedIdempotentAndKeptPerTenantAndRole() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "auto_confirm")).json().path("errors").get(0).path("field").asText())
                .isEqualTo("channels");
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch", "amounts", Map.of("GBP", 1)))
                .json().path("errors").get(0).path("code").asText()).isEqualTo("policy.parameter_not_used");
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "fraud_velocity", "max_orders", 1, "within_hours", 1)).status()).isEqualTo(400);
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "auto_cancel_unpaid")).json().path("errors").get(0).path("field").asText())
                .isEqualTo("within_hours");
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "auto_ship_everything")).status()).isEqualTo(400);
        assertThat(admin.post("/v1/orders/policies", Map.of("type", "fraud_total_above", "amounts", Map.of("XXY", 5))).json()
                .path("errors").get(0).path("code").asText()).isEqualTo("currency.unknown");

        Client keyed = admin.header("Idempotency-Key", "policy-once");
        Resp first = keyed.post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch"));
        Resp again = keyed.post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        String id = first.json().path("id").asText();
        assertThat(admin.get("/v1/orders/policies").json().path("data")).hasSize(1);

        Resp renamed = admin.header("If-Match", "\"1\"").patch("/v1/orders/policies/" + id, Map.of("name", "Mismatch"));
        assertThat(renamed.header("etag")).isEqualTo("\"2\"");
        Resp stale = admin.header("If-Match", "\"1\"").patch("/v1/orders/policies/" + id, Map.of("enabled", false));
        assertThat(stale.code()).isEqualTo("policy.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(2);
        assertThat(admin.get("/v1/orders/policies/" + id).json().path("name").asText()).isEqualTo("Mismatch");

        assertThat(as(t, "agent-p", "agent").get("/v1/orders/policies").status()).isEqualTo(200);
        assertThat(as(t, "agent-p", "agent").post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch")).status()).isEqualTo(403);
        assertThat(as(t, "sup-p", "supervisor").patch("/v1/orders/policies/" + id, Map.of("enabled", false)).status()).isEqualTo(403);
        assertThat(customer(t, "c1").get("/v1/orders/policies").status()).isEqualTo(403);
        Client stranger = as(newTenant(), "admin-x", "admin");
        assertThat(stranger.get("/v1/orders/policies/" + id).code()).isEqualTo("policy.not_found");
        assertThat(stranger.patch("/v1/orders/policies/" + id, Map.of("enabled", false)).code()).isEqualTo("policy.not_found");
        assertThat(stranger.get("/v1/orders/policies").json().path("data")).isEmpty();
    }

    @Test
    void autoCancelUnpaidCancelsAnOrderStillUnpaidAtItsDeadlineAndForgetsAPaidOne() {
        String t = newTenant();
        Client admin = as(t, "admin-p", "admin");
        String policy = admin.post("/v1/orders/policies", Map.of("type", "auto_cancel_unpaid", "within_hours", 2)).json().path("id").asText();
        String unpaid = create(admin, order("c-unpaid"));
        String paidLater = create(admin, order("c-later"));
        eventually("both deadlines", () -> deadline(t, unpaid) != null && deadline(t, paidLater) != null);
        assertThat(Instant.parse(deadline(t, unpaid).path("due_at").asText()))
                .isEqualTo(Instant.parse(admin.get("/v1/orders/" + unpaid).json().path("created_at").asText()).plus(Duration.ofHours(2)));

        Resp linked = admin.post("/v1/orders/" + paidLater + "/payments/link", Map.of("payment_id", payment(admin, 4990, "GBP", "authorized"),
                "amount", Map.of("amount", 4990, "currency", "GBP")));
        assertThat(linked.status()).as(linked.toString()).isIn(200, 201);
        eventually("the paid order's deadline to go", () -> deadline(t, paidLater) == null);

        // not due yet: nothing happens; the template's schedule runs the sweeper
        assertThat(anonymous().post("/local/schedules/PolicyDeadlinesSchedule/run", null).status()).isEqualTo(202);
        assertThat(admin.get("/v1/orders/" + unpaid).json().path("status").asText()).isEqualTo("created");
        // two hours later (the sweeper's clock moved on): the unpaid order is cancelled by the policy
        var swept = Platform.get().cases().policyEngine.sweep(Instant.now().plus(Duration.ofHours(2)).plusSeconds(5), 100);
        assertThat(swept).anySatisfy(s -> {
            assertThat(s.orderId()).isEqualTo(unpaid);
            assertThat(s.outcome()).isEqualTo("cancellation_requested");
        });
        JsonNode requested = lastEvent(admin, unpaid, "order.cancellation_requested");
        assertThat(requested.path("actor").path("id").asText()).isEqualTo(policy);
        assertThat(requested.path("actor").path("type").asText()).isEqualTo("policy");
        assertThat(requested.path("reason").asText()).isEqualTo("Not paid within 2 hours");
        awaitStatus(admin, unpaid, "cancelled");
        assertThat(deadline(t, unpaid)).isNull();
        assertThat(admin.get("/v1/orders/" + paidLater).json().path("status").asText()).isEqualTo("created");
    }

    private static JsonNode deadline(String tenant, String orderId) {
        return Platform.get().table.get(Keys.deadline(tenant, "auto_cancel_unpaid", orderId), Keys.SINGLE).orElse(null);
    }

    private static JsonNode awaitStatus(Client c, String orderId, String status) {
        eventually("order " + orderId + " " + status, () -> status.equals(c.get("/v1/orders/" + orderId).json().path("status").asText()));
        return c.get("/v1/orders/" + orderId).json();
    }

    private static JsonNode lastEvent(Client c, String orderId, String type) {
        JsonNode found = null;
        for (JsonNode e : c.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data")) if (type.equals(e.path("type").asText())) found = e;
        return found;
    }

    /** Long enough for the policy subscriber to have seen every order created so far (the stream relays within ~100 ms). */
    private static void sleepForPolicies() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
