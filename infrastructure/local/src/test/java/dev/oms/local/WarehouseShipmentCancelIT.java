package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.connectors.SandboxFaults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 {@code POST /v1/fulfillment/shipments/{shipmentId}/cancel} (docs/fulfillment-shipping.md#cancelling-a-shipment-before-handover):
 * the label voided with the carrier, the shipment off its draft manifest, the fulfilment packed again and shipped anew
 * with new labels; refused after handover or a submitted manifest; roles, tenants, replays, stale versions, the
 * carrier down.
 */
class WarehouseShipmentCancelIT {
    static String tenant;
    static Client agent;
    static Client packer;
    static Client picker;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-sc", "agent");
        packer = as(tenant, "packer-sc", "packer");
        picker = as(tenant, "picker-sc", "picker");
        supervisor = as(tenant, "sup-sc", "warehouse_supervisor");
    }

    /** A fulfilment of one unit of a new confirmed order, shipped through the warehouse route: its shipment's JSON. */
    static JsonNode shipped(String warehouse) {
        Shipped s = shippedOrder(tenant, agent, "cus_sc", 0);
        Resp f = supervisor.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", warehouse,
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        Resp sh = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f.json().path("id").asText(), "packages", List.of(Map.of("weight_grams", 500))));
        assertThat(sh.status()).as(sh.toString()).isEqualTo(201);
        return sh.json();
    }

    static String cancelPath(JsonNode shipment) { return "/v1/fulfillment/shipments/" + shipment.path("id").asText() + "/cancel"; }

    @Test
    void aShipmentCancelledBeforeHandoverIsVoidedTakenOffItsDraftAndItsFulfilmentShipsAgainWithNewLabels() {
        String wh = "wh_sc_" + System.nanoTime();
        JsonNode s = shipped(wh);
        String orderId = s.path("order_id").asText();
        String fulfillmentId = s.path("fulfillment_ids").get(0).asText();
        Resp booked = packer.post("/v1/fulfillment/shipments/" + s.path("id").asText() + "/book", Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        String manifestId = booked.json().path("id").asText();
        assertThat(agent.get("/v1/orders/" + orderId).json().path("shipping_status").asText()).isEqualTo("shipped");

        Resp cancelled = packer.header("Idempotency-Key", "sc-1").post(cancelPath(s), Map.of("reason", "address changed"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        JsonNode c = cancelled.json();
        assertThat(c.path("status").asText()).isEqualTo("cancelled");
        assertThat(c.path("cancellation").path("void_status").asText()).isEqualTo("refunded");
        assertThat(c.path("cancellation").path("reason").asText()).isEqualTo("address changed");
        assertThat(c.path("cancellation").path("cancelled_by").asText()).isEqualTo("packer-sc");
        assertThat(cancelled.header("etag")).isEqualTo("\"" + c.path("order_version").asLong() + "\"");
        Resp replay = packer.header("Idempotency-Key", "sc-1").post(cancelPath(s), Map.of("reason", "address changed"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("status").asText()).isEqualTo("cancelled");

        // the order steps back; the fulfilment is packed again; the manifest no longer lists the shipment
        JsonNode order = agent.get("/v1/orders/" + orderId).json();
        assertThat(order.path("shipping_status").asText()).isEqualTo("not_shipped");
        assertThat(order.path("fulfillment_status").asText()).isEqualTo("unfulfilled");
        JsonNode f = agent.get("/v1/orders/" + orderId + "/fulfillments/" + fulfillmentId).json();
        assertThat(f.path("status").asText()).isEqualTo("packed");
        assertThat(f.path("shipment_id").isNull() || f.path("shipment_id").isMissingNode()).as(f.toString()).isTrue();
        assertThat(timeline(agent, orderId)).contains("shipment.cancelled");
        JsonNode manifest = picker.get("/v1/fulfillment/manifests/" + manifestId).json();
        assertThat(manifest.path("shipments").toString()).doesNotContain(s.path("id").asText());
        assertThat(picker.get("/v1/fulfillment/shipments/" + s.path("id").asText()).json().path("status").asText()).isEqualTo("cancelled");

        // a cancelled shipment is not cancelled, booked or collected again
        Resp twice = packer.post(cancelPath(s), Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("shipment.already_cancelled");
        assertThat(packer.post("/v1/fulfillment/shipments/" + s.path("id").asText() + "/book", Map.of()).code()).isEqualTo("shipment.already_cancelled");

        // the fulfilment ships again in a new shipment with new labels (the voided ones are never answered again)
        Resp again = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", fulfillmentId, "packages", List.of(Map.of("weight_grams", 500))));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("tracking_numbers").get(0).asText()).isNotEqualTo(s.path("tracking_numbers").get(0).asText());
        assertThat(agent.get("/v1/orders/" + orderId).json().path("shipping_status").asText()).isEqualTo("shipped");
        assertThat(agent.get("/v1/orders/" + orderId + "/fulfillments/" + fulfillmentId).json().path("status").asText()).isEqualTo("shipped");
        // the new shipment is cancelled in turn: its own labels are voided
        Resp second = packer.post("/v1/fulfillment/shipments/" + again.json().path("id").asText() + "/cancel", Map.of());
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("cancellation").path("void_status").asText()).isEqualTo("refunded");
    }

    @Test
    void aShipmentTheCarrierHasOrOnASubmittedManifestIsNotCancelled() {
        JsonNode moving = shipped("wh_sc_moving");
        String number = moving.path("tracking_numbers").get(0).asText();
        assertThat(supervisor.post("/local/sandbox/carrier/" + number + "/events", Map.of("status", "in_transit")).status()).isLessThan(300);
        packer.post("/v1/fulfillment/shipments/" + moving.path("id").asText() + "/track", Map.of());
        Resp handedOver = packer.post(cancelPath(moving), Map.of());
        assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(409);
        assertThat(handedOver.code()).isEqualTo("shipment.handed_over");
        assertThat(handedOver.json().path("current_status").asText()).isEqualTo("in_transit");

        String wh = "wh_sc_sub_" + System.nanoTime();
        JsonNode s = shipped(wh);
        String manifestId = packer.post("/v1/fulfillment/shipments/" + s.path("id").asText() + "/book", Map.of()).json().path("id").asText();
        assertThat(packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of()).status()).isEqualTo(200);
        Resp submitted = packer.post(cancelPath(s), Map.of());
        assertThat(submitted.status()).isEqualTo(409);
        assertThat(submitted.code()).isEqualTo("shipment.manifest_submitted");
        assertThat(submitted.json().path("manifest_id").asText()).isEqualTo(manifestId);
        assertThat(picker.get("/v1/fulfillment/shipments/" + s.path("id").asText()).json().path("status").asText()).isEqualTo("label_created");
    }

    @Test
    void theCarrierDownChangesNothingAndARetryFinishes() {
        JsonNode s = shipped("wh_sc_down");
        SandboxFaults.inject("carrier", "refund_label", SandboxFaults.Mode.FAIL, 20);
        try {
            Resp down = packer.header("Idempotency-Key", "sc-down").post(cancelPath(s), Map.of());
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("connector.unavailable");
        } finally {
            anonymous().delete("/local/faults");
        }
        assertThat(picker.get("/v1/fulfillment/shipments/" + s.path("id").asText()).json().path("status").asText()).isEqualTo("label_created");
        Resp retried = packer.header("Idempotency-Key", "sc-down").post(cancelPath(s), Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void rolesTenantsBadInputAndStaleVersionsAreRefused() {
        JsonNode s = shipped("wh_sc_rules");
        assertThat(picker.post(cancelPath(s), Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "qc-sc", "qc_agent").post(cancelPath(s), Map.of()).code()).isEqualTo("auth.forbidden");
        Resp stranger = as(newTenant(), "packer-x", "packer").post(cancelPath(s), Map.of());
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("shipment.not_found");
        assertThat(packer.post("/v1/fulfillment/shipments/shp_missing/cancel", Map.of()).code()).isEqualTo("shipment.not_found");
        Resp unknown = packer.post(cancelPath(s), Map.of("void", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("request.invalid");
        assertThat(packer.post(cancelPath(s), Map.of("reason", "x".repeat(501))).status()).isEqualTo(400);
        Resp stale = packer.header("If-Match", "\"1\"").post(cancelPath(s), Map.of());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(picker.get("/v1/fulfillment/shipments/" + s.path("id").asText()).json().path("status").asText()).isEqualTo("label_created");
        // with the current version it goes through (the order may still move on after shipping: the saga's last
        // steps run asynchronously, so a read version can be overtaken once; read it again then)
        Resp ok = null;
        for (int attempt = 0; attempt < 5 && (ok == null || ok.status() == 409); attempt++) {
            long version = picker.get("/v1/fulfillment/shipments/" + s.path("id").asText()).json().path("order_version").asLong();
            ok = packer.post(cancelPath(s), Map.of("version", version));
        }
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }
}
