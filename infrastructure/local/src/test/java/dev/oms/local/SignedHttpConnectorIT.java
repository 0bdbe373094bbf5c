package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inventory, fraud and billing through the signed-HTTP connector, against the reference implementation of the partner's
 * side ({@link SignedHttpPartner}): signatures, idempotency keys, retries with back-off, time-outs, refusals.
 */
class SignedHttpConnectorIT {
    static SignedHttpPartner partner;

    @BeforeAll
    static void start() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        partner = new SignedHttpPartner("whsec_" + java.util.Base64.getEncoder().encodeToString(key));
        System.setProperty("PARTNER_IT_SECRET", partner.secret);
        System.setProperty("PARTNER_IT_WRONG", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        partner.stock.put("SKU-H", 10L);
        runtime();
    }

    @AfterAll
    static void stop() { partner.close(); }

    @AfterEach
    void clearFaults() { partner.clearFaults(); }

    record Shop(String tenant, Client admin, Client agent) { }

    static Shop shop(String secretRef, String timeoutMs) {
        String t = newTenant();
        Shop s = new Shop(t, as(t, "admin-h", "admin"), as(t, "agent-h", "agent"));
        for (String port : List.of("inventory", "fraud", "billing")) {
            Resp r = s.admin.post("/v1/orders/connectors/" + port, Map.of("adapter", "http",
                    "settings", Map.of("base_url", partner.url(), "timeout_ms", timeoutMs, "max_attempts", "3"),
                    "secrets", Map.of("signing_secret", secretRef)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        return s;
    }

    static String order(Shop s, String customer, long quantity) {
        ObjectNode body = paidOrder(s.agent, customer, "authorized");
        ((ObjectNode) body.withArray("items").get(0)).put("sku", "SKU-H").put("quantity", quantity);
        ((ObjectNode) body.withArray("payments").get(0)).set("amount", money(2495 * quantity, "GBP"));
        return create(s.agent, body);
    }

    @Test
    void ordersAreCheckedScreenedInvoicedAndRestockedByThePartner() {
        Shop s = shop("env:PARTNER_IT_SECRET", "3000");
        String id = order(s, "h1-" + s.tenant, 2);
        Resp confirmed = s.agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.json().path("status").asText()).as(confirmed.toString()).isEqualTo("confirmed");
        assertThat(partner.requests("/inventory/availability")).isNotEmpty().allMatch(SignedHttpPartner.Seen::signatureValid);
        assertThat(partner.requests("/fraud/scores")).isNotEmpty().allMatch(x -> x.signatureValid() && x.idempotencyKey() == null);

        Resp invoice = s.admin.post("/v1/orders/" + id + "/invoices/generate", Map.of());
        assertThat(invoice.status()).as(invoice.toString()).isEqualTo(201);
        String number = invoice.json().path("number").asText(invoice.json().path("invoice").path("number").asText());
        assertThat(partner.documents).contains(number);
        assertThat(partner.requests("/billing/documents").get(partner.requests("/billing/documents").size() - 1).idempotencyKey()).startsWith("billing:");

        long before = partner.stock.get("SKU-H");
        s.agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Changed my mind", "restock", true));
        eventually("the order to be cancelled", () -> "cancelled".equals(s.agent.get("/v1/orders/" + id).json().path("status").asText()));
        assertThat(partner.requests("/inventory/releases")).isNotEmpty().allMatch(x -> x.idempotencyKey() != null);
        eventually("the restock", () -> partner.stock.get("SKU-H") == before + 2);
        assertThat(partner.requests("/inventory/restocks").stream().filter(x -> !x.replayed()).count()).isEqualTo(1);

        var calls = s.admin.get("/v1/orders/connectors/inventory/calls?limit=50").json().path("data");
        assertThat(calls.findValuesAsText("operation")).contains("availability", "release", "restock");
        assertThat(calls.findValuesAsText("vendor_request_id")).allMatch(v -> v.startsWith("partner-"));
    }

    @Test
    void thePartnersFraudDecisionAndShortStockCount() {
        Shop s = shop("env:PARTNER_IT_SECRET", "3000");
        String held = order(s, "fraud_h2-" + s.tenant, 1);
        Resp r = s.agent.post("/v1/orders/" + held + "/confirm", null);
        assertThat(r.json().path("status").asText()).as(r.toString()).isNotEqualTo("confirmed");
        String tooMany = order(s, "h3-" + s.tenant, 500);
        Resp shortStock = s.agent.post("/v1/orders/" + tooMany + "/confirm", null);
        assertThat(shortStock.status()).as(shortStock.toString()).isIn(409, 422);
        assertThat(s.agent.get("/v1/orders/" + tooMany).json().path("status").asText()).isNotEqualTo("confirmed");
    }

    @Test
    void outagesAreRetriedWithBackOffThenUnavailable() {
        Shop s = shop("env:PARTNER_IT_SECRET", "1000");
        String id = order(s, "h4-" + s.tenant, 1);
        int before = partner.requests("/fraud/scores").size();
        partner.fail("/fraud/scores", 503, 1);
        partner.fail("/fraud/scores", 429, 1);
        Resp confirmed = s.agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.json().path("status").asText()).as(confirmed.toString()).isEqualTo("confirmed");
        assertThat(partner.requests("/fraud/scores")).hasSize(before + 3);

        String second = order(s, "h5-" + s.tenant, 1);
        partner.fail("/fraud/scores", 500, 3);
        Resp down = s.agent.post("/v1/orders/" + second + "/confirm", null);
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("connector.unavailable");

        partner.slow("/inventory/availability", 2500, 3);
        Resp slow = s.agent.post("/v1/orders/" + second + "/confirm", null);
        assertThat(slow.status()).as(slow.toString()).isEqualTo(503);
        assertThat(slow.json().path("detail").asText()).contains("timed out");
    }

    @Test
    void aWrongSigningSecretIsRefusedByThePartner() {
        Shop s = shop("env:PARTNER_IT_WRONG", "3000");
        String id = order(s, "h6-" + s.tenant, 1);
        Resp r = s.agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.json().path("detail").asText()).contains("signing_secret");
        assertThat(partner.requests("/inventory/availability").stream().filter(x -> !x.signatureValid()).count()).isPositive();
    }

    @Test
    void aFulfilmentProviderTakesSagaFulfilmentsOnceAndStopsWhatItHasNotShipped() {
        Shop s = shop("env:PARTNER_IT_SECRET", "3000");
        Resp configured = s.admin.post("/v1/orders/connectors/fulfillment_provider", Map.of("adapter", "http",
                "settings", Map.of("base_url", partner.url()), "secrets", Map.of("signing_secret", "env:PARTNER_IT_SECRET")));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);

        // handed over once, with its SKUs and address; the provider's shipment report completes the saga
        String shippedOrder = order(s, "h7-" + s.tenant, 1);
        assertThat(s.agent.post("/v1/orders/" + shippedOrder + "/confirm", null).status()).isEqualTo(200);
        String f = requestSaga(s, shippedOrder, 3600);
        eventually("the hand-over", () -> partner.fulfilments.containsKey(f));
        JsonNode handed = partner.fulfilments.get(f);
        assertThat(handed.path("order_id").asText()).isEqualTo(shippedOrder);
        assertThat(handed.path("items").get(0).path("sku").asText()).isEqualTo("SKU-H");
        assertThat(handed.path("ship_to").path("country").asText()).isNotEmpty();
        assertThat(partner.requests("/fulfillments")).allMatch(x -> x.signatureValid() && ("dispatch:" + f).equals(x.idempotencyKey()));
        eventually("the saga to wait", () -> s.admin.get("/v1/orders/" + shippedOrder + "/timeline?limit=200").json().toString().contains("awaiting_shipment"));
        Resp ship = s.admin.post("/v1/orders/" + shippedOrder + "/fulfillments/" + f + "/ship", Map.of("tracking_numbers", List.of("3PL-1")));
        assertThat(ship.status()).as(ship.toString()).isEqualTo(201);
        assertThat(partner.stopped).doesNotContain(f);

        // the deadline passes: the provider is asked to stop first, then the reservation is released
        String late = order(s, "h8-" + s.tenant, 1);
        assertThat(s.agent.post("/v1/orders/" + late + "/confirm", null).status()).isEqualTo(200);
        String g = requestSaga(s, late, 2);
        eventually("the provider to stop it", () -> partner.stopped.contains(g));
        eventually("the fulfilment to be cancelled", () -> "cancelled".equals(s.admin.get("/v1/orders/" + late + "/fulfillments/" + g).json().path("status").asText()));

        // too late to stop: the fulfilment stays open for the provider's shipment report
        String gone = order(s, "h9-" + s.tenant, 1);
        assertThat(s.agent.post("/v1/orders/" + gone + "/confirm", null).status()).isEqualTo(200);
        String h = requestSaga(s, gone, 4);
        eventually("the hand-over", () -> partner.fulfilments.containsKey(h));
        partner.shipped.add(h);
        eventually("the saga to leave it to the provider", () -> s.admin.get("/v1/orders/" + gone + "/timeline?limit=200").json().toString().contains("left_to_provider"));
        assertThat(s.admin.get("/v1/orders/" + gone + "/fulfillments/" + h).json().path("status").asText()).isEqualTo("pending");
        Resp later = s.admin.post("/v1/orders/" + gone + "/fulfillments/" + h + "/ship", Map.of("tracking_numbers", List.of("3PL-2")));
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
    }

    /** Asks for a fulfilment of the order's first line through the fulfill-order saga; answers the fulfilment id. */
    static String requestSaga(Shop s, String orderId, long shipWithinSeconds) {
        String line = s.admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Resp accepted = s.admin.post("/v1/orders/" + orderId + "/fulfillments", Map.of("warehouse_id", "wh-3pl", "mode", "saga",
                "ship_within_seconds", shipWithinSeconds, "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.json().path("fulfillment_id").asText();
    }
}
