package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's fulfilment and returns (docs/admin-money.md) over HTTP: fulfilments created, shipped and cancelled
 * by their ids alone, a label read and rendered again (the same label, never a second one), and returns approved,
 * inspected and refunded with a reason.
 */
class AdminFulfilmentIT {
    static String tenant;
    static Client agent;
    static Client warehouse; // the admin role fulfillment
    static Client finance;
    static Client customer;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-af", "agent");
        warehouse = as(tenant, "wh-af", "fulfillment");
        finance = as(tenant, "fin-af", "finance");
        customer = customer(tenant, "cus_af");
    }

    static List<String> timeline(String orderId) {
        return agent.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data").findValuesAsText("type");
    }

    @Test
    void aFulfilmentIsCreatedShippedAndItsLabelRenderedAgainNeverBoughtTwice() {
        Shipped s = shippedOrder(tenant, agent, "cus_af", 0);
        Resp created = warehouse.header("Idempotency-Key", "af-create").post("/v1/admin/orders/" + s.orderId() + "/create-fulfillment",
                Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 2))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String fulfilmentId = created.json().path("id").asText();
        Resp replay = warehouse.header("Idempotency-Key", "af-create").post("/v1/admin/orders/" + s.orderId() + "/create-fulfillment",
                Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 2))));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(fulfilmentId);

        Resp shipped = warehouse.post("/v1/admin/fulfillments/" + fulfilmentId + "/ship", Map.of());
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        String shipmentId = shipped.json().path("id").asText();
        JsonNode tracking = shipped.json().path("tracking_numbers");
        assertThat(tracking).isNotEmpty();
        eventually("the label", () -> agent.get("/v1/admin/shipments/" + shipmentId + "/label").status() == 200);
        JsonNode label = agent.get("/v1/admin/shipments/" + shipmentId + "/label").json();
        assertThat(label.path("source").asText()).isEqualTo("rendered");
        assertThat(label.path("url").asText()).startsWith("http");
        assertThat(agent.get("/v1/admin/shipments/" + shipmentId + "/label?format=zpl").json().path("content_type").asText()).isEqualTo("application/zpl");

        long docsBefore = agent.get("/v1/orders/" + s.orderId() + "/documents").json().path("data").size();
        Resp again = warehouse.post("/v1/admin/shipments/" + shipmentId + "/label/regenerate", Map.of("reason", "printer jammed"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("document_id").asText()).isEqualTo(label.path("document_id").asText());
        assertThat(again.json().path("size_bytes").asLong()).isPositive();
        assertThat(agent.get("/v1/orders/" + s.orderId() + "/documents").json().path("data").size()).isEqualTo(docsBefore);
        assertThat(timeline(s.orderId())).containsOnlyOnce("shipment.label_regenerated", "shipment.created");

        // roles and tenants
        assertThat(agent.post("/v1/admin/shipments/" + shipmentId + "/label/regenerate", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(finance.post("/v1/admin/fulfillments/" + fulfilmentId + "/ship", Map.of()).code()).isEqualTo("auth.forbidden");
        Client stranger = as(newTenant(), "wh-x", "fulfillment");
        // the warehouse's own staff work on the warehouse routes, not the admin console
        assertThat(as(tenant, "wh-floor", "warehouse_supervisor").post("/v1/admin/fulfillments/" + fulfilmentId + "/ship", Map.of()).code())
                .isEqualTo("auth.forbidden");
        assertThat(stranger.get("/v1/admin/shipments/" + shipmentId + "/label").code()).isEqualTo("shipment.not_found");
        assertThat(stranger.post("/v1/admin/fulfillments/" + fulfilmentId + "/ship", Map.of()).code()).isEqualTo("fulfillment.not_found");
        assertThat(agent.get("/v1/admin/shipments/" + shipmentId + "/label?format=png").status()).isEqualTo(400);
    }

    @Test
    void aFulfilmentIsRescheduledToALaterShipDateUntilItShips() {
        Shipped s = shippedOrder(tenant, agent, "cus_af", 0);
        String id = warehouse.post("/v1/admin/orders/" + s.orderId() + "/create-fulfillment",
                Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1)))).json().path("id").asText();
        String path = "/v1/admin/fulfillments/" + id + "/reschedule";
        String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(5) + "T00:00:00Z";
        Resp moved = warehouse.header("Idempotency-Key", "resched-1").post(path, Map.of("requested_ship_date", date, "reason", "customer on holiday"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(java.time.Instant.parse(moved.json().path("requested_ship_date").asText())).isEqualTo(java.time.Instant.parse(date));
        assertThat(moved.header("etag")).isNotBlank();
        Resp replay = warehouse.header("Idempotency-Key", "resched-1").post(path, Map.of("requested_ship_date", date, "reason", "customer on holiday"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        JsonNode updated = null;
        for (JsonNode e : agent.get("/v1/orders/" + s.orderId() + "/timeline?limit=200").json().path("data")) {
            if (e.path("type").asText().equals("fulfillment.updated")) updated = e;
        }
        assertThat(updated).isNotNull();
        assertThat(updated.path("data").path("fields").toString()).contains("requested_ship_date");
        assertThat(updated.path("reason").asText()).isEqualTo("customer on holiday");

        assertThat(warehouse.post(path, Map.of()).code()).isEqualTo("request.invalid");
        assertThat(warehouse.post(path, Map.of("requested_ship_date", "next tuesday")).code()).isEqualTo("request.invalid");
        assertThat(warehouse.post(path, Map.of("requested_ship_date", "2020-01-01T00:00:00Z")).code()).isEqualTo("request.invalid");
        assertThat(warehouse.post(path, Map.of("requested_ship_date", date, "warehouse_id", "wh_2")).code()).isEqualTo("request.invalid");
        assertThat(finance.post(path, Map.of("requested_ship_date", date)).code()).isEqualTo("auth.forbidden");
        assertThat(agent.post(path, Map.of("requested_ship_date", date)).code()).isEqualTo("auth.forbidden");
        assertThat(customer.post(path, Map.of("requested_ship_date", date)).status()).isEqualTo(403);
        assertThat(as(newTenant(), "wh-x", "fulfillment").post(path, Map.of("requested_ship_date", date)).code()).isEqualTo("fulfillment.not_found");
        assertThat(warehouse.post("/v1/admin/fulfillments/ful_missing/reschedule", Map.of("requested_ship_date", date)).code()).isEqualTo("fulfillment.not_found");

        assertThat(warehouse.post("/v1/admin/fulfillments/" + id + "/ship", Map.of()).status()).isEqualTo(201);
        Resp late = warehouse.post(path, Map.of("requested_ship_date", date));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("fulfillment.closed");
    }

    @Test
    void aFulfilmentIsCancelledWithAReasonBeforeItShips() {
        Shipped s = shippedOrder(tenant, agent, "cus_af", 0);
        String base = "/v1/admin/orders/" + s.orderId() + "/create-fulfillment";
        Resp bad = warehouse.post(base, Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 0))));
        assertThat(bad.status()).isEqualTo(400);
        String id = warehouse.post(base, Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))))
                .json().path("id").asText();
        Resp noReason = warehouse.post("/v1/admin/fulfillments/" + id + "/cancel", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("validation.reason_required");
        Resp cancelled = warehouse.post("/v1/admin/fulfillments/" + id + "/cancel", Map.of("reason", "wrong warehouse"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        Resp twice = warehouse.post("/v1/admin/fulfillments/" + id + "/cancel", Map.of("reason", "again"));
        assertThat(twice.json().path("status").asText()).isEqualTo("cancelled");
        String shippedId = warehouse.post(base, Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))))
                .json().path("id").asText();
        assertThat(warehouse.post("/v1/admin/fulfillments/" + shippedId + "/ship", Map.of()).status()).isEqualTo(201);
        Resp late = warehouse.post("/v1/admin/fulfillments/" + shippedId + "/cancel", Map.of("reason", "too late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("fulfillment.already_shipped");
        assertThat(warehouse.post("/v1/admin/fulfillments/ful_missing/cancel", Map.of("reason", "nothing")).code()).isEqualTo("fulfillment.not_found");
        assertThat(timeline(s.orderId())).contains("fulfillment.created", "fulfillment.cancelled");
    }

    @Test
    void aReturnIsApprovedInspectedAndRefundedWithAReason() {
        Shipped s = shippedOrder(tenant, agent, "cus_af", 2);
        String id = customer.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 1, "ship", null)).json().path("return_id").asText();
        String base = "/v1/admin/returns/" + id;

        Resp read = finance.get(base);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);

        Resp approved = warehouse.post(base + "/approve", Map.of("reason", "photos checked"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        String trackingNumber = approved.json().path("label").path("tracking_number").asText();
        assertThat(trackingNumber).isNotBlank();
        Resp again = warehouse.post(base + "/approve", Map.of());
        assertThat(again.json().path("label").path("tracking_number").asText()).isEqualTo(trackingNumber);

        Resp early = warehouse.post(base + "/inspect", approve(s.lineId(), null));
        assertThat(early.code()).isEqualTo("return.not_received");
        assertThat(warehouse.post("/v1/orders/returns/" + id + "/receive", receipt(s.lineId(), 1, "new")).status()).isEqualTo(200);
        Resp inspected = warehouse.post(base + "/inspect", approve(s.lineId(), "refund_to_card"));
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);

        assertThat(finance.post(base + "/issue-refund", Map.of("reason", "inspected fine")).code()).isEqualTo("auth.sudo_required");
        Client billing = AdminKit.stepUp(AdminKit.signIn(tenant, "bill-af", "billing"));
        Resp noReason = billing.post(base + "/issue-refund", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("validation.reason_required");
        assertThat(warehouse.post(base + "/issue-refund", Map.of("reason", "inspected fine")).code()).isEqualTo("auth.forbidden");
        Resp refunded = billing.header("Idempotency-Key", "af-refund").post(base + "/issue-refund", Map.of("reason", "inspected fine"));
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().path("refund_id").asText()).startsWith("rf_");
        Resp replay = billing.header("Idempotency-Key", "af-refund").post(base + "/issue-refund", Map.of("reason", "inspected fine"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("refund_id")).isEqualTo(refunded.json().path("refund_id"));
        assertThat(finance.get(base).json().path("settlement").path("kind").asText()).isEqualTo("refund");

        Client stranger = AdminKit.stepUp(AdminKit.signIn(newTenant(), "bill-x", "billing"));
        assertThat(stranger.get(base).code()).isEqualTo("return.not_found");
        assertThat(stranger.post(base + "/issue-refund", Map.of("reason", "not yours")).code()).isEqualTo("return.not_found");
        assertThat(customer.get(base).code()).isEqualTo("auth.forbidden");
    }
}
