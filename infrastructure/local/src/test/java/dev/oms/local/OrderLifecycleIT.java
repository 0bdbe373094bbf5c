package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderLifecycleIT {
    static String tenant;
    static Client agent;
    static Client admin;
    static Client analyst;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-life", "agent");
        admin = as(tenant, "admin-life", "admin");
        analyst = as(tenant, "analyst-life", "fraud_analyst");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    @Test
    void confirmsAnOrderWhosePaymentIsAuthorized() {
        String id = create(agent, paidOrder(agent, "c1", "authorized"));
        Resp r = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("confirmed");
        assertThat(r.json().path("payments").get(0).path("status").asText()).isEqualTo("authorized");
        assertThat(r.json().path("confirmed_at").isNull()).isFalse();
        Resp twice = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("order.invalid_transition");
    }

    @Test
    void aPendingPaymentMakesThePendingStatusAndAnAuthorizationLaterConfirms() {
        String id = create(agent, paidOrder(agent, "c2", "pending"));
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("pending");
        assertThat(agent.get("/v1/orders/" + id).json().path("status").asText()).isEqualTo("pending");
    }

    @Test
    void refusesToConfirmWithoutPaymentOrStockAndWhenAPaymentIsDeclined() {
        Resp noPayment = agent.post("/v1/orders/" + create(agent, order("c3")) + "/confirm", null);
        assertThat(noPayment.status()).isEqualTo(422);
        assertThat(noPayment.code()).isEqualTo("order.blocked.payment_required");

        Resp declined = agent.post("/v1/orders/" + create(agent, paidOrder(agent, "c3", "declined")) + "/confirm", null);
        assertThat(declined.status()).isEqualTo(422);
        assertThat(declined.code()).isEqualTo("order.blocked.payment_declined");

        ObjectNode oos = paidOrder(agent, "c3", "authorized");
        ((ObjectNode) oos.path("items").get(0)).put("sku", "OOS-GONE");
        String oosId = create(agent, oos);
        Resp noStock = agent.post("/v1/orders/" + oosId + "/confirm", null);
        assertThat(noStock.status()).isEqualTo(409);
        assertThat(noStock.code()).isEqualTo("order.blocked.inventory_unavailable");
        assertThat(noStock.json().path("skus").get(0).asText()).isEqualTo("OOS-GONE");
        assertThat(agent.get("/v1/orders/" + oosId).json().path("status").asText()).isEqualTo("created");
    }

    @Test
    void aConnectorFailureChangesNothingAndCanBeRetried() {
        String id = create(agent, paidOrder(agent, "c4", "authorized"));
        assertThat(anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "status", "mode", "fail", "times", 1)).status()).isEqualTo(201);
        Resp failed = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("connector.unavailable");
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(1);
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void fraudReviewHoldsTheOrderUntilAnAnalystReleasesIt() {
        ObjectNode body = paidOrder(agent, "fraud_suspect", "authorized");
        String id = create(agent, body);
        Resp r = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(r.json().path("status").asText()).isEqualTo("on_hold");
        assertThat(r.json().path("holds").get(0).path("type").asText()).isEqualTo("fraud");
        Resp byAgent = agent.post("/v1/orders/" + id + "/release", Map.of("resolution", "looks fine"));
        assertThat(byAgent.status()).isEqualTo(403);
        Resp byAnalyst = analyst.post("/v1/orders/" + id + "/release", Map.of("resolution", "verified by phone"));
        assertThat(byAnalyst.status()).as(byAnalyst.toString()).isEqualTo(200);
        assertThat(byAnalyst.json().path("order").path("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void anOrderStaysOnHoldUntilItsLastHoldIsReleased() {
        String id = create(agent, order("c5"));
        Resp h1 = agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "Check address", "type", "address", "assigned_to", "agent-7"));
        assertThat(h1.status()).as(h1.toString()).isEqualTo(201);
        String hold1 = h1.json().path("hold").path("id").asText();
        assertThat(h1.json().path("order").path("status").asText()).isEqualTo("on_hold");
        String hold2 = agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "Manual review")).json().path("hold").path("id").asText();
        assertThat(agent.post("/v1/orders/" + id + "/release", Map.of()).code()).isEqualTo("request.invalid");
        Resp first = agent.post("/v1/orders/" + id + "/release", Map.of("hold_id", hold1, "resolution", "Address fixed"));
        assertThat(first.json().path("order").path("status").asText()).isEqualTo("on_hold");
        assertThat(first.json().path("order").path("holds")).hasSize(1);
        Resp last = agent.post("/v1/orders/" + id + "/release", Map.of("hold_id", hold2));
        assertThat(last.json().path("order").path("status").asText()).isEqualTo("created");
        assertThat(agent.post("/v1/orders/" + id + "/release", Map.of()).code()).isEqualTo("order.not_on_hold");
        assertThat(agent.post("/v1/orders/" + id + "/hold", Map.of()).code()).isEqualTo("request.invalid");
        assertThat(agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "x", "type", "whim")).code()).isEqualTo("request.invalid");
    }

    @Test
    void closesAndOnlyAdminsReopen() {
        String id = create(agent, paidOrder(agent, "c6", "authorized"));
        assertThat(agent.post("/v1/orders/" + id + "/close", null).code()).isEqualTo("order.invalid_transition");
        agent.post("/v1/orders/" + id + "/confirm", null);
        Resp closed = agent.post("/v1/orders/" + id + "/close", Map.of("reason", "Delivered"));
        assertThat(closed.json().path("status").asText()).isEqualTo("completed");
        assertThat(agent.post("/v1/orders/" + id + "/reopen", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(admin.post("/v1/orders/" + id + "/reopen", Map.of()).code()).isEqualTo("request.invalid");
        Resp reopened = admin.post("/v1/orders/" + id + "/reopen", Map.of("reason", "Customer dispute"));
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().path("status").asText()).isEqualTo("confirmed");
        assertThat(admin.post("/v1/orders/" + id + "/reopen", Map.of("reason", "again")).code()).isEqualTo("order.invalid_transition");
    }
}
