package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fulfill-order saga end to end: {@code POST .../fulfillments} with {@code "mode": "saga"} → fulfillment.requested
 * → EventBridge → saga starter → Step Functions (reserve, create, wait for the shipment with a task token, notify) and
 * its compensations: short stock, a deadline that passes, a fulfilment cancelled while the saga waits.
 */
class FulfillOrderSagaIT {
    static String tenant;
    static Client admin;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-saga", "admin");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    static String confirmedOrder(String customer, String sku, long quantity) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item(sku, quantity, 1000, "GBP"));
        ((ObjectNode) body.path("shipping_address")).put("email", customer + "@example.com");
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String id = create(admin, body);
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        return id;
    }

    static String requestSaga(String orderId, long quantity, Long shipWithinSeconds) {
        String line = admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Map<String, Object> body = new HashMap<>(Map.of("warehouse_id", "wh-saga", "mode", "saga",
                "lines", List.of(Map.of("line_id", line, "quantity", quantity))));
        if (shipWithinSeconds != null) body.put("ship_within_seconds", shipWithinSeconds);
        Resp accepted = admin.post("/v1/orders/" + orderId + "/fulfillments", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("requested");
        return accepted.json().path("fulfillment_id").asText();
    }

    /** The saga's execution as the local console shows it (name {@code fulfil-<order>-<fulfilment>}). */
    static JsonNode execution(String orderId, String fulfillmentId) {
        for (JsonNode e : anonymous().get("/local/console").json().path("executions")) {
            if (e.path("name").asText().equals("fulfil-" + orderId + "-" + fulfillmentId)) return e;
        }
        return null;
    }

    static String executionStatus(String orderId, String fulfillmentId) {
        JsonNode e = execution(orderId, fulfillmentId);
        return e == null ? null : e.path("status").asText();
    }

    static List<String> timeline(String id) {
        List<String> out = new ArrayList<>();
        admin.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").forEach(e -> out.add(e.path("type").asText()
                + (e.path("data").has("fields") ? e.path("data").path("fields").toString() : "")));
        return out;
    }

    static JsonNode fulfilment(String orderId, String fulfillmentId) {
        return admin.get("/v1/orders/" + orderId + "/fulfillments/" + fulfillmentId).json();
    }

    @Test
    void theSagaReservesCreatesWaitsForTheShipmentAndTellsTheCustomer() {
        String id = confirmedOrder("saga-happy", "SKU-SAGA", 2);
        String f = requestSaga(id, 2, null);
        eventually("the saga to wait for the shipment", () -> timeline(id).contains("fulfillment.updated[\"awaiting_shipment\"]"));
        JsonNode created = fulfilment(id, f);
        assertThat(created.path("status").asText()).isEqualTo("pending");
        assertThat(created.path("mode").asText()).isEqualTo("saga");
        assertThat(created.has("task_token")).isFalse();
        assertThat(Platform.get().inventory.reservations(tenant, id)).containsEntry("SKU-SAGA", 2L);
        assertThat(executionStatus(id, f)).isEqualTo("RUNNING");

        Resp shipped = admin.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of("tracking_numbers", List.of("SAGA-1")));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        eventually("the saga to succeed", () -> "SUCCEEDED".equals(executionStatus(id, f)));
        assertThat(timeline(id)).contains("fulfillment.updated[\"customer_notified\"]");
        eventually("the shipment email", () -> anonymous().get("/local/notifications").json().path("data").toString().contains("SAGA-1"));
        // the saga sent it; the notifications subscriber left this one to the saga: one email
        long emails = 0;
        for (JsonNode n : anonymous().get("/local/notifications").json().path("data")) if (n.toString().contains("SAGA-1")) emails++;
        assertThat(emails).isEqualTo(1);
        List<String> states = new ArrayList<>();
        execution(id, f).path("states").forEach(s -> states.add(s.asText()));
        assertThat(String.join(",", states)).contains("ReserveInventory", "CreateFulfillment", "WaitForShipment", "NotifyCustomer");
    }

    @Test
    void aShippedMessageFromThe3plCompletesTheWait() {
        String id = confirmedOrder("saga-3pl", "SKU-SAGA-3PL", 1);
        String f = requestSaga(id, 1, null);
        eventually("the saga to wait for the shipment", () -> timeline(id).contains("fulfillment.updated[\"awaiting_shipment\"]"));
        String secret = Platform.get().inboundSecrets.generate(tenant, "fulfillment");
        String body = "{\"type\":\"fulfillment.shipped\",\"data\":{\"order_id\":\"" + id + "\",\"fulfillment_id\":\"" + f
                + "\",\"tracking_numbers\":[\"TPL-77\"],\"carrier\":\"ups\"}}";
        Resp received = postback(tenant, "fulfillment", secret, "3pl-ship-1", now(), body);
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        assertThat(fulfilment(id, f).path("status").asText()).isEqualTo("shipped");
        eventually("the saga to succeed", () -> "SUCCEEDED".equals(executionStatus(id, f)));
    }

    @Test
    void shortStockFailsTheSagaWithNothingReservedOrCreated() {
        String id = confirmedOrder("saga-short", "SKU-SAGA-SHORT", 1);
        Platform.get().inventory.setStock(tenant, "SKU-SAGA-SHORT", 0);
        String f = requestSaga(id, 1, null);
        eventually("the saga to fail", () -> "FAILED".equals(executionStatus(id, f)));
        assertThat(execution(id, f).path("error").asText()).isEqualTo("FulfillmentAbandoned");
        assertThat(admin.get("/v1/orders/" + id + "/fulfillments/" + f).code()).isEqualTo("fulfillment.not_found");
        assertThat(Platform.get().inventory.reservations(tenant, id)).isEmpty();
        assertThat(Platform.get().inventory.stock(tenant, "SKU-SAGA-SHORT")).isZero();
    }

    @Test
    void aShipmentThatDoesNotComeInTimeIsCompensated() {
        String id = confirmedOrder("saga-late", "SKU-SAGA-LATE", 1);
        long before = Platform.get().inventory.stock(tenant, "SKU-SAGA-LATE");
        String f = requestSaga(id, 1, 2L);
        eventually("the saga to give up", () -> "FAILED".equals(executionStatus(id, f)));
        JsonNode cancelled = fulfilment(id, f);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("cancel_reason").asText()).contains("fulfill-order saga");
        assertThat(Platform.get().inventory.reservations(tenant, id)).isEmpty();
        assertThat(Platform.get().inventory.stock(tenant, "SKU-SAGA-LATE")).isEqualTo(before);
        List<String> states = new ArrayList<>();
        execution(id, f).path("states").forEach(s -> states.add(s.asText()));
        assertThat(String.join(",", states)).contains("Compensate");
        // the units are free for another fulfilment
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        assertThat(admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh",
                "lines", List.of(Map.of("line_id", line, "quantity", 1)))).status()).isEqualTo(201);
    }

    @Test
    void aFulfilmentCancelledWhileTheSagaWaitsEndsItWithoutReleasingTwice() {
        String id = confirmedOrder("saga-cancel", "SKU-SAGA-CXL", 3);
        long before = Platform.get().inventory.stock(tenant, "SKU-SAGA-CXL");
        String f = requestSaga(id, 3, null);
        eventually("the saga to wait", () -> timeline(id).contains("fulfillment.updated[\"awaiting_shipment\"]"));
        assertThat(admin.post("/v1/orders/" + id + "/fulfillments/" + f + "/cancel", Map.of("reason", "customer collects")).status()).isEqualTo(200);
        eventually("the saga to end", () -> "FAILED".equals(executionStatus(id, f)));
        assertThat(Platform.get().inventory.stock(tenant, "SKU-SAGA-CXL")).isEqualTo(before);
        assertThat(Platform.get().inventory.reservations(tenant, id)).isEmpty();
    }

    @Test
    void aSagaRequestIsCheckedBeforeItIsAccepted() {
        String id = confirmedOrder("saga-check", "SKU-SAGA-CHK", 1);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Resp over = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "mode", "saga",
                "lines", List.of(Map.of("line_id", line, "quantity", 2))));
        assertThat(over.code()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        Resp direct = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "ship_within_seconds", 10,
                "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        assertThat(direct.status()).isEqualTo(400);
    }
}
