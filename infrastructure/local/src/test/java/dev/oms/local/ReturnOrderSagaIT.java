package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The return-order saga end to end: return.created → EventBridge → ReturnSagaEvents → Step Functions, the waits for
 * receipt and inspection completed by the API, settlement by refund, store credit or exchange, restock and close; a
 * rejected inspection, a refused refund parked for repair and resumed by hand, and the time-outs.
 */
class ReturnOrderSagaIT {
    static String tenant;
    static Client agent;
    static Client warehouse;
    static Client finance;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-saga", "agent");
        warehouse = as(tenant, "wh-saga", "warehouse_supervisor");
        finance = as(tenant, "fin-saga", "finance");
        supervisor = as(tenant, "sup-saga", "supervisor");
    }

    @AfterEach
    void clearFaults() {
        anonymous().delete("/local/faults");
        System.clearProperty("RETURN_RECEIPT_TIMEOUT_SECONDS");
        System.clearProperty("RETURN_INSPECTION_TIMEOUT_SECONDS");
    }

    /** A shipped order of 2 units with an open return of both, the saga waiting for the goods. */
    static String[] openReturn(String method, String refund) {
        Shipped s = shippedOrder(tenant, agent, "cus_saga", 2);
        Resp created = agent.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 2, method, refund));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("return_id").asText();
        awaitSagaWaiting(agent, s.orderId(), id, "receipt");
        return new String[] {s.orderId(), id, s.lineId()};
    }

    static void receiveAll(String[] r) {
        Resp got = warehouse.post("/v1/orders/returns/" + r[1] + "/receive", receipt(r[2], 2, "new"));
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
    }

    @Test
    void anApprovedReturnIsRefundedRestockedAndClosed() {
        String[] r = openReturn("ship", null);
        receiveAll(r);
        awaitSagaWaiting(agent, r[0], r[1], "inspection");
        Resp inspected = warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", Map.of("lines", java.util.List.of(Map.of(
                "line_id", r[2], "decision", "approve", "restocking_fee", Map.of("amount", 490, "currency", "GBP")))));
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        assertThat(inspected.json().path("refund_amount").asLong()).isEqualTo(4500);

        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(closed.path("settlement").path("kind").asText()).isEqualTo("refund");
        assertThat(closed.path("settlement").path("amount").asLong()).isEqualTo(4500);
        assertThat(closed.path("settlement").path("reference").asText()).startsWith("rf");
        assertThat(steps(closed)).contains("saga.started", "inventory.restocked");
        JsonNode order = agent.get("/v1/orders/" + r[0]).json();
        assertThat(order.path("return_status").asText()).isEqualTo("returned");
        assertThat(timeline(agent, r[0])).contains("return.created", "return.received", "return.inspected", "return.refunded", "return.closed");
        // asking again answers the refund it already has
        Resp again = finance.post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of());
        assertThat(again.json().path("refund_id").asText()).isEqualTo(closed.path("settlement").path("reference").asText());
    }

    @Test
    void aRejectedInspectionClosesWithoutMoneyOrStock() {
        String[] r = openReturn("dropoff", null);
        receiveAll(r);
        assertThat(warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", reject(r[2])).json().path("outcome").asText()).isEqualTo("rejected");
        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(closed.path("settlement").isMissingNode()).isTrue();
        assertThat(steps(closed)).doesNotContain("inventory.restocked");
        assertThat(finance.post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of()).code()).isEqualTo("return.not_inspected");
    }

    @Test
    void storeCreditIsGivenWhenTheInspectionSaysSo() {
        String[] r = openReturn("pickup", "store_credit");
        receiveAll(r);
        warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", approve(r[2], null));
        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(closed.path("settlement").path("kind").asText()).isEqualTo("store_credit");
        assertThat(closed.path("settlement").path("amount").asLong()).isEqualTo(4990);
        assertThat(timeline(agent, r[0])).contains("return.credited");
    }

    @Test
    void anExchangeCreatesAZeroPricedReplacementLinkedBothWays() {
        String[] r = openReturn("dropoff", null);
        receiveAll(r);
        warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", approve(r[2], "exchange"));
        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(closed.path("settlement").path("kind").asText()).isEqualTo("exchange");
        String replacement = closed.path("settlement").path("reference").asText();
        JsonNode order = agent.get("/v1/orders/" + replacement).json();
        assertThat(order.path("total").asLong()).isZero();
        assertThat(order.path("source").asText()).isEqualTo("exchange");
        assertThat(order.path("external_reference").asText()).isEqualTo("EXCH-" + r[1]);
        assertThat(order.path("metadata").path("exchange_for_return").asText()).isEqualTo(r[1]);
        assertThat(order.path("metadata").path("original_order_id").asText()).isEqualTo(r[0]);
        assertThat(order.path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");
        Resp again = warehouse.post("/v1/orders/returns/" + r[1] + "/exchange", Map.of());
        assertThat(again.json().path("exchange_order_id").asText()).isEqualTo(replacement);
    }

    @Test
    void aRefusedRefundParksTheReturnForRepairAndSettlingByHandResumesTheSaga() {
        String[] r = openReturn("dropoff", null);
        receiveAll(r);
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "refund", "mode", "decline", "times", 1));
        warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", approve(r[2], null));

        awaitSagaWaiting(agent, r[0], r[1], "settlement");
        JsonNode parked = ret(agent, r[0], r[1]);
        assertThat(parked.path("status").asText()).isEqualTo("inspected");
        assertThat(steps(parked)).contains("saga.failed:refund");
        JsonNode repair = null;
        for (JsonNode item : supervisor.get("/v1/orders/repairs").json().path("data")) if (item.path("order_id").asText().equals(r[0])) repair = item;
        assertThat(repair).isNotNull();
        assertThat(repair.path("kind").asText()).isEqualTo("return_failed");
        assertThat(repair.path("failed_step").asText()).isEqualTo("refund");
        assertThat(repair.path("failure").asText()).contains("failed", "declined");

        Resp stale = finance.header("If-Match", "\"1\"").post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of());
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        String etag = agent.get("/v1/orders/" + r[0]).header("etag");
        Resp byHand = finance.header("If-Match", etag).header("Idempotency-Key", "settle-" + r[1])
                .post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of());
        assertThat(byHand.status()).as(byHand.toString()).isEqualTo(200);
        assertThat(byHand.json().path("refund_id").asText()).isNotBlank();
        Resp replay = finance.header("If-Match", etag).header("Idempotency-Key", "settle-" + r[1])
                .post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of());
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("refund_id").asText()).isEqualTo(byHand.json().path("refund_id").asText());
        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(steps(closed)).contains("inventory.restocked");
        String repairId = repair.path("id").asText();
        assertThat(supervisor.get("/v1/orders/repairs/" + repairId).json().path("state").asText()).isEqualTo("settled");
        assertThat(supervisor.get("/v1/orders/repairs?state=settled").json().path("data").findValuesAsText("id")).contains(repairId);
    }

    @Test
    void nothingArrivingInTimeCancelsTheReturn() {
        System.setProperty("RETURN_RECEIPT_TIMEOUT_SECONDS", "1");
        Shipped s = shippedOrder(tenant, agent, "cus_saga", 2);
        String id = agent.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 1, "ship", null)).json().path("return_id").asText();
        JsonNode cancelled = awaitReturn(agent, s.orderId(), id, "cancelled");
        assertThat(cancelled.path("cancel_reason").asText()).isEqualTo("not_received_in_time");
        assertThat(timeline(agent, s.orderId())).contains("return.cancelled");
        assertThat(agent.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 2, "ship", null)).status()).isEqualTo(201);
    }

    @Test
    void anOverdueInspectionIsParkedAndTheSagaFinishesOnceSomeoneSettles() {
        System.setProperty("RETURN_INSPECTION_TIMEOUT_SECONDS", "1");
        String[] r = openReturn("dropoff", null);
        receiveAll(r);
        awaitSagaWaiting(agent, r[0], r[1], "settlement");
        assertThat(steps(ret(agent, r[0], r[1]))).contains("saga.failed:inspection_overdue");

        warehouse.post("/v1/orders/returns/" + r[1] + "/inspect", approve(r[2], null));
        assertThat(finance.post("/v1/orders/returns/" + r[1] + "/issue-refund", Map.of("method", "store_credit")).json()
                .path("credit_reference").asText()).isNotBlank();
        JsonNode closed = awaitReturn(agent, r[0], r[1], "closed");
        assertThat(closed.path("settlement").path("kind").asText()).isEqualTo("store_credit");
    }

    @Test
    void aReturnWithdrawnWhileTheSagaWaitsEndsTheSaga() {
        String[] r = openReturn("ship", null);
        assertThat(agent.post("/v1/orders/returns/" + r[1] + "/cancel", Map.of("reason", "kept it")).json().path("status").asText())
                .isEqualTo("cancelled");
        String name = "return-" + r[0] + "-" + r[1];
        eventually("the saga to end withdrawn", () -> {
            for (JsonNode x : anonymous().get("/local/console").json().path("executions")) {
                if (x.path("name").asText().equals(name)) return x.path("status").asText().equals("SUCCEEDED") && x.path("states").toString().contains("Withdrawn");
            }
            return false;
        });
    }
}
