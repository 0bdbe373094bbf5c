package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cancel-order saga end to end: API → table → stream → EventBridge → saga starter → Step Functions → task
 * functions → connectors, and every failure path ending in a consistent order.
 */
class CancellationIT {
    static String tenant;
    static Client agent;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-cancel", "agent");
        supervisor = as(tenant, "sup-cancel", "supervisor");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    static JsonNode order(String id) { return agent.get("/v1/orders/" + id).json(); }

    static JsonNode awaitStatus(String id, String status) {
        eventually("order " + id + " to be " + status, () -> status.equals(order(id).path("status").asText()));
        return order(id);
    }

    static JsonNode cancellation(JsonNode order) { return order.path("cancellations").get(order.path("cancellations").size() - 1); }

    static List<String> steps(JsonNode cancellation) {
        List<String> out = new ArrayList<>();
        cancellation.path("actions").forEach(a -> out.add(a.path("step").asText()));
        return out;
    }

    @Test
    void aConfirmedOrderIsCancelledVoidedRestockedAndTheCustomerIsTold() {
        ObjectNode body = paidOrder(agent, "c1", "authorized");
        ((ObjectNode) body.path("billing_address")).put("email", "c1@example.com");
        String id = create(agent, body);
        agent.post("/v1/orders/" + id + "/confirm", null);

        Resp accepted = agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Changed my mind", "refund", true, "restock", true));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("order").path("status").asText()).isEqualTo("cancelling");
        String follow = accepted.json().path("links").path("cancellation").asText();
        assertThat(accepted.header("location")).isEqualTo(follow);
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("a", "b"))).code()).isEqualTo("order.not_editable");
        assertThat(agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "again")).code()).isEqualTo("order.cancellation_in_progress");

        JsonNode done = awaitStatus(id, "cancelled");
        JsonNode c = cancellation(done);
        assertThat(c.path("status").asText()).isEqualTo("completed");
        assertThat(steps(c)).contains("inventory.released", "fulfillments.cancelled", "payments.settled", "inventory.restocked");
        JsonNode settled = c.path("actions").get(steps(c).indexOf("payments.settled")).path("detail");
        assertThat(settled.path("amount").asLong()).isEqualTo(4990);
        assertThat(settled.path("operations").get(0).path("kind").asText()).isEqualTo("void");
        assertThat(done.path("cancelled_at").isNull()).isFalse();
        assertThat(agent.get(follow).json().path("status").asText()).isEqualTo("completed");

        eventually("the cancellation email", () -> anonymous().get("/local/notifications").json().path("data").findValuesAsText("destination")
                .contains("c1@example.com"));
        List<String> types = new ArrayList<>();
        agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("order.cancellation_requested", "order.cancellation_progressed", "order.cancelled");
    }

    @Test
    void aCapturedPaymentIsRefundedExactlyForAPartialCancellation() {
        ObjectNode body = TestSystem.order("c2");
        body.withArray("items").add(item("SKU-2", 3, 1000, "GBP"));
        body.putObject("shipping").put("method", "std").set("amount", money(500, "GBP"));
        long total = 4990 + 3000 + 500;
        body.putArray("payments").addObject().put("payment_id", payment(agent, total, "GBP", "captured")).set("amount", money(total, "GBP"));
        String id = create(agent, body);
        agent.post("/v1/orders/" + id + "/confirm", null);
        String line2 = order(id).path("lines").get(1).path("id").asText();

        Resp accepted = agent.post("/v1/orders/" + id + "/partial-cancel",
                Map.of("lines", List.of(Map.of("line_id", line2, "quantity", 2)), "reason", "Out of stock at the warehouse"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("cancellation").path("refund_amount").asLong()).isEqualTo(2000);
        eventually("the partial cancellation", () -> "completed".equals(cancellation(order(id)).path("status").asText()));
        JsonNode after = order(id);
        assertThat(after.path("status").asText()).isEqualTo("confirmed");
        assertThat(after.path("total").asLong()).isEqualTo(total - 2000);
        assertThat(after.path("lines").get(1).path("quantity").asLong()).isEqualTo(1);
        assertThat(after.path("lines").get(1).path("cancelled_quantity").asLong()).isEqualTo(2);
        JsonNode settled = cancellation(after).path("actions").get(steps(cancellation(after)).indexOf("payments.settled")).path("detail");
        assertThat(settled.path("operations").get(0).path("kind").asText()).isEqualTo("refund");
        assertThat(settled.path("allocation").path(line2).asLong()).isEqualTo(2000);
    }

    @Test
    void transientConnectorFailuresAreRetried() {
        String id = create(agent, paidOrder(agent, "c3", "authorized"));
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "void", "mode", "timeout", "times", 2));
        agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Duplicate order"));
        JsonNode done = awaitStatus(id, "cancelled");
        assertThat(steps(cancellation(done))).contains("payments.settled");
    }

    @Test
    void aRefusedRefundPutsTheOrderBackOnHoldWithARepairItemThatCanBeForced() {
        String id = create(agent, paidOrder(agent, "c4", "authorized"));
        agent.post("/v1/orders/" + id + "/confirm", null);
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "void", "mode", "decline", "times", 5));
        agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Customer asked"));

        JsonNode held = awaitStatus(id, "on_hold");
        JsonNode c = cancellation(held);
        assertThat(c.path("status").asText()).isEqualTo("compensated");
        assertThat(c.path("failure").asText()).contains("declined");
        assertThat(held.path("holds").get(0).path("type").asText()).isEqualTo("cancellation_failed");
        assertThat(steps(c)).contains("inventory.released", "inventory.reservations_restored");

        JsonNode repairs = supervisor.get("/v1/orders/repairs").json().path("data");
        JsonNode repair = null;
        for (JsonNode r : repairs) if (r.path("order_id").asText().equals(id)) repair = r;
        assertThat(repair).isNotNull();
        assertThat(repair.path("failed_step").asText()).isEqualTo("settle_payments");
        String repairId = repair.path("id").asText();
        assertThat(agent.get("/v1/orders/repairs").status()).isEqualTo(403);
        assertThat(supervisor.post("/v1/orders/repairs/" + repairId + "/force", Map.of()).code()).isEqualTo("request.invalid");

        Resp forced = supervisor.post("/v1/orders/repairs/" + repairId + "/force", Map.of("note", "Voided by hand in the payment console"));
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThat(forced.json().path("order").path("status").asText()).isEqualTo("cancelled");
        assertThat(forced.json().path("repair").path("state").asText()).isEqualTo("forced");
        assertThat(supervisor.post("/v1/orders/repairs/" + repairId + "/skip", Map.of("note", "x")).code()).isEqualTo("repair.not_open");
        assertThat(supervisor.get("/v1/orders/repairs?state=forced").json().path("data").findValuesAsText("id")).contains(repairId);
    }

    @Test
    void aRepairCanBeRetriedOnceTheCauseIsGone() {
        String id = create(agent, paidOrder(agent, "c5", "authorized"));
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "void", "mode", "decline", "times", 5));
        agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Fraud suspicion"));
        awaitStatus(id, "on_hold");
        anonymous().delete("/local/faults");
        String repairId = null;
        for (JsonNode r : supervisor.get("/v1/orders/repairs").json().path("data")) if (r.path("order_id").asText().equals(id)) repairId = r.path("id").asText();
        Resp retried = supervisor.post("/v1/orders/repairs/" + repairId + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("repair").path("state").asText()).isEqualTo("retried");
        awaitStatus(id, "cancelled");
    }

    @Test
    void cancellationRulesAndValidation() {
        String id = create(agent, TestSystem.order("c6"));
        assertThat(agent.post("/v1/orders/" + id + "/cancel", Map.of()).code()).isEqualTo("request.invalid");
        assertThat(agent.post("/v1/orders/" + id + "/partial-cancel", Map.of("reason", "x", "lines", List.of(Map.of("line_id", "line_x", "quantity", 1))))
                .code()).isEqualTo("order.line_not_found");
        String line = order(id).path("lines").get(0).path("id").asText();
        assertThat(agent.post("/v1/orders/" + id + "/partial-cancel", Map.of("reason", "x", "lines", List.of(Map.of("line_id", line, "quantity", 9))))
                .code()).isEqualTo("request.invalid");
        assertThat(as(tenant, "fin", "finance").post("/v1/orders/" + id + "/cancel", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(customer(tenant, "c6").post("/v1/orders/" + id + "/cancel", Map.of("reason", "x")).status()).isEqualTo(403);
        String completed = create(agent, paidOrder(agent, "c6", "authorized"));
        agent.post("/v1/orders/" + completed + "/confirm", null);
        agent.post("/v1/orders/" + completed + "/close", null);
        assertThat(agent.post("/v1/orders/" + completed + "/cancel", Map.of("reason", "late")).code()).isEqualTo("order.invalid_transition");

        Platform.get().settings.put(tenant, new dev.oms.app.port.TenantSettingsStore.TenantSettings(false, "before_confirmation"));
        try {
            String confirmed = create(agent, paidOrder(agent, "c6", "authorized"));
            agent.post("/v1/orders/" + confirmed + "/confirm", null);
            assertThat(agent.post("/v1/orders/" + confirmed + "/cancel", Map.of("reason", "x")).code()).isEqualTo("order.blocked.cancellation_policy");
        } finally {
            Platform.get().settings.put(tenant, dev.oms.app.port.TenantSettingsStore.TenantSettings.DEFAULTS);
        }
    }
}
