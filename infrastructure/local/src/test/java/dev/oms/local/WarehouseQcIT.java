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
 * Seed 003 quality control and shipments to suppliers (docs/fulfillment-shipping.md): inspections of fulfilments and
 * returns with findings, photos uploaded through presigned links and resolutions; vendor shipments booked once, and a
 * return's non-restockable units shipped back to the supplier once. Roles, other tenants, replays, stale versions.
 */
class WarehouseQcIT {
    static String tenant;
    static Client agent;
    static Client packer;
    static Client picker;
    static Client qc;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-wq", "agent");
        packer = as(tenant, "packer-wq", "packer");
        picker = as(tenant, "picker-wq", "picker");
        qc = as(tenant, "qc-wq", "qc_agent");
        supervisor = as(tenant, "sup-wq", "warehouse_supervisor");
    }

    static Map<String, Object> address() {
        return Map.of("name", "Acme Repairs", "line1", "2 Mill Lane", "city", "Leeds", "postal_code", "LS1 1AA", "country", "GB");
    }

    @Test
    void aFulfilmentIsInspectedWithPhotosAndQuarantined() throws Exception {
        Shipped s = shippedOrder(tenant, agent, "cus_wq", 0);
        String ful = supervisor.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", "wh_1",
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1)))).json().path("id").asText();
        assertThat(picker.post("/v1/fulfillment/qc/" + ful + "/start", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(packer.post("/v1/fulfillment/qc/" + ful + "/start", Map.of()).code()).isEqualTo("auth.forbidden");
        Resp started = qc.header("Idempotency-Key", "wq-start-1").post("/v1/fulfillment/qc/" + ful + "/start", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String id = started.json().path("id").asText();
        assertThat(started.json().path("subject_type").asText()).isEqualTo("fulfillment");
        assertThat(started.json().path("order_id").asText()).isEqualTo(s.orderId());
        assertThat(qc.header("Idempotency-Key", "wq-start-1").post("/v1/fulfillment/qc/" + ful + "/start", Map.of()).json().path("id").asText()).isEqualTo(id);

        // a quarantine needs a finding
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/resolve", Map.of("outcome", "quarantine")).code()).isEqualTo("qc.findings_required");
        Resp recorded = qc.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "Seal broken", "severity", "major",
                "photos", List.of(Map.of("content_type", "image/jpeg", "size_bytes", 5))));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        JsonNode upload = recorded.json().path("uploads").get(0);
        assertThat(upload.path("method").asText()).isEqualTo("PUT");
        var http = java.net.http.HttpClient.newHttpClient();
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4, 5}));
        upload.path("headers").properties().forEach(h -> { if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) put.header(h.getKey(), h.getValue().asText()); });
        assertThat(http.send(put.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(recorded.json().path("findings").get(0).path("photos").get(0).path("storage_key").asText()).isEqualTo(upload.path("storage_key").asText());

        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "x", "severity", "minor",
                "photos", List.of(Map.of("content_type", "image/gif", "size_bytes", 5)))).status()).isEqualTo(400);
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "x", "severity", "minor",
                "photos", List.of(Map.of("content_type", "image/png", "size_bytes", 11 * 1024 * 1024)))).status()).isEqualTo(400);
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "x", "severity", "awful")).status()).isEqualTo(400);
        assertThat(qc.header("If-Match", "\"1\"").post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "x", "severity", "minor")).code())
                .isEqualTo("qc_inspection.version_conflict");
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/resolve", Map.of("outcome", "pass", "disposition", "scrap")).code()).isEqualTo("request.invalid");

        Resp resolved = qc.post("/v1/fulfillment/qc/" + id + "/resolve", Map.of("outcome", "quarantine", "notes", "Held for the supplier"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().path("disposition").asText()).isEqualTo("quarantine");
        assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/resolve", Map.of("outcome", "pass")).code()).isEqualTo("qc.already_resolved");
        assertThat(qc.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "late", "severity", "minor")).code()).isEqualTo("qc.already_resolved");

        Client stranger = as(newTenant(), "qc-x", "qc_agent");
        assertThat(stranger.post("/v1/fulfillment/qc/" + ful + "/start", Map.of()).code()).isEqualTo("fulfillment.not_found");
        assertThat(stranger.post("/v1/fulfillment/qc/" + id + "/record", Map.of("note", "x", "severity", "minor")).code()).isEqualTo("qc.not_found");
        assertThat(stranger.post("/v1/fulfillment/qc/" + id + "/resolve", Map.of("outcome", "pass")).code()).isEqualTo("qc.not_found");
        assertThat(qc.post("/v1/fulfillment/qc/ord_123/start", Map.of()).code()).isEqualTo("qc.subject_not_found");
        assertThat(qc.post("/v1/fulfillment/qc/ret_missing/start", Map.of()).code()).isEqualTo("return.not_found");
    }

    @Test
    void aReturnIsInspectedPassedAndItsRejectedUnitsShippedBackToTheSupplierOnce() {
        Shipped s = shippedOrder(tenant, agent, "cus_wq", 2);
        String ret = packer.post("/v1/fulfillment/returns", Map.of("order_id", s.orderId(), "reason", "damaged", "return_method", "ship",
                "expected_lines", List.of(Map.of("order_line_id", s.lineId(), "qty", 2)))).json().path("return_id").asText();
        Resp qcStart = qc.post("/v1/fulfillment/qc/" + ret + "/start", Map.of());
        assertThat(qcStart.status()).as(qcStart.toString()).isEqualTo(201);
        assertThat(qcStart.json().path("subject_type").asText()).isEqualTo("return");
        assertThat(qc.post("/v1/fulfillment/qc/" + qcStart.json().path("id").asText() + "/resolve", Map.of("outcome", "pass")).json()
                .path("disposition").asText()).isEqualTo("reshelve");

        String base = "/v1/fulfillment/returns/" + ret + "/ship-back-to-supplier";
        Map<String, Object> body = Map.of("supplier_id", "sup_acme", "from_warehouse_id", "wh_returns", "to_address", address());
        assertThat(packer.post(base, body).code()).isEqualTo("return.not_received");
        awaitSagaWaiting(agent, s.orderId(), ret, "receipt");
        assertThat(packer.post("/v1/fulfillment/returns/" + ret + "/receive", Map.of("received_lines", List.of(
                Map.of("line_id", s.lineId(), "qty", 2, "condition", "defective", "serials", List.of("SN-7", "SN-8"))))).status()).isEqualTo(200);
        awaitSagaWaiting(agent, s.orderId(), ret, "inspection");
        assertThat(qc.post("/v1/fulfillment/returns/" + ret + "/inspect", Map.of("disposition", "repair")).status()).isEqualTo(200);

        assertThat(picker.post(base, body).code()).isEqualTo("auth.forbidden");
        Resp sent = packer.header("Idempotency-Key", "wq-back-1").post(base, body);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String vsh = sent.json().path("id").asText();
        assertThat(sent.json().path("reference_type").asText()).isEqualTo("rma");
        assertThat(sent.json().path("return_id").asText()).isEqualTo(ret);
        assertThat(sent.json().path("lines").get(0).path("qty").asLong()).isEqualTo(2);
        assertThat(sent.json().path("tracking_numbers")).isNotEmpty();
        assertThat(packer.header("Idempotency-Key", "wq-back-1").post(base, body).json().path("id").asText()).isEqualTo(vsh);
        assertThat(packer.post(base, body).code()).isEqualTo("return.already_shipped_back");
        Resp read = picker.get("/v1/fulfillment/vendor-shipments/" + vsh);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("supplier_id").asText()).isEqualTo("sup_acme");
        assertThat(as(newTenant(), "p", "picker").get("/v1/fulfillment/vendor-shipments/" + vsh).code()).isEqualTo("vendor_shipment.not_found");
    }

    @Test
    void aVendorShipmentIsBookedOncePerRequestKey() {
        Map<String, Object> body = Map.of("supplier_id", "sup_acme", "reference_type", "asn", "reference", "ASN-9", "from_warehouse_id", "wh_1",
                "to_address", address(), "lines", List.of(Map.of("sku", "SKU-1", "qty", 3)), "packages", List.of(Map.of("weight_grams", 700), Map.of("weight_grams", 800)));
        Resp created = packer.header("Idempotency-Key", "wq-vsh-1").post("/v1/fulfillment/vendor-shipments", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("tracking_numbers")).hasSize(2);
        assertThat(created.header("location")).isEqualTo("/v1/fulfillment/vendor-shipments/" + created.json().path("id").asText());
        Resp replay = packer.header("Idempotency-Key", "wq-vsh-1").post("/v1/fulfillment/vendor-shipments", body);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("tracking_numbers")).isEqualTo(created.json().path("tracking_numbers"));
        Map<String, Object> bad = new java.util.HashMap<>(body);
        bad.put("reference_type", "invoice");
        assertThat(packer.post("/v1/fulfillment/vendor-shipments", bad).status()).isEqualTo(400);
        bad.put("reference_type", "asn");
        bad.put("lines", List.of(Map.of("sku", "SKU-1", "qty", 0)));
        assertThat(packer.post("/v1/fulfillment/vendor-shipments", bad).status()).isEqualTo(400);
        assertThat(qc.post("/v1/fulfillment/vendor-shipments", body).code()).isEqualTo("auth.forbidden");
        assertThat(picker.get("/v1/fulfillment/vendor-shipments/vsh_missing").code()).isEqualTo("vendor_shipment.not_found");
    }
}
