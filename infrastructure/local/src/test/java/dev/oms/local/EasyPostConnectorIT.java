package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant switched to Stripe and EasyPost (local stubs speaking their protocols): paid, shipped with a label bought
 * once and archived, cancelled and refunded through the sagas; a time-out after the label purchase buys no second
 * label; EasyPost's refusals and outages.
 */
class EasyPostConnectorIT {
    static EasyPostStub easypost;
    static StripeStub stripe;

    @BeforeAll
    static void start() {
        easypost = new EasyPostStub("EZTK_it_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        stripe = new StripeStub("sk_test_ep_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        System.setProperty("EASYPOST_IT_KEY", easypost.apiKey);
        System.setProperty("STRIPE_EP_IT_KEY", stripe.apiKey);
        runtime();
    }

    @AfterAll
    static void stop() {
        easypost.close();
        stripe.close();
    }

    @AfterEach
    void clearFaults() {
        easypost.clearFaults();
        stripe.clearFaults();
    }

    record Shop(String tenant, Client admin, Client agent, Client warehouse) { }

    static Shop shop() {
        String t = newTenant();
        Shop s = new Shop(t, as(t, "admin-ep", "admin"), as(t, "agent-ep", "agent"), as(t, "wh-ep", "fulfillment_manager"));
        Resp carrier = s.admin.post("/v1/orders/connectors/carrier", Map.of("adapter", "easypost",
                "settings", Map.of("api_base", easypost.url(), "label_format", "PDF", "timeout_ms", "1500",
                        "from_address", "Acme Warehouse|1 Dock Road|Leeds|LS1 1AA|GB"),
                "secrets", Map.of("api_key", "env:EASYPOST_IT_KEY")));
        assertThat(carrier.status()).as(carrier.toString()).isEqualTo(200);
        Resp payments = s.admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe",
                "settings", Map.of("api_base", stripe.url(), "multicapture", "true", "timeout_ms", "1500"),
                "secrets", Map.of("api_key", "env:STRIPE_EP_IT_KEY")));
        assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
        return s;
    }

    /** A confirmed order of 2 x SKU-EP at 2495 GBP paid by a Stripe PaymentIntent; answers order id and intent id. */
    static String[] confirmedOrder(Shop s) {
        ObjectNode body = TestSystem.order("ep-" + s.tenant);
        body.putArray("items").add(item("SKU-EP", 2, 2495, "GBP"));
        String id = create(s.agent, body);
        String pi = stripe.authorizedIntent(4990, "GBP");
        Resp linked = s.admin.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pi, "amount", Map.of("amount", 4990, "currency", "GBP")));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        Resp confirmed = s.agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.json().path("status").asText()).as(confirmed.toString()).isEqualTo("confirmed");
        return new String[] {id, pi};
    }

    static String fulfilment(Shop s, String orderId) {
        String line = s.agent.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Resp f = s.warehouse.post("/v1/orders/" + orderId + "/fulfillments", Map.of("warehouse_id", "wh-leeds", "carrier_hint", "USPS",
                "service_code", "Priority", "lines", List.of(Map.of("line_id", line, "quantity", 2))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return f.json().path("id").asText();
    }

    @Test
    void paidShippedWithABoughtLabelCancelledAndRefundedThroughStripeAndEasyPost() {
        Shop s = shop();
        String[] o = confirmedOrder(s);
        String id = o[0], pi = o[1];
        assertThat(s.admin.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pi)).status()).isEqualTo(200);

        String f = fulfilment(s, id);
        int before = easypost.purchases.size();
        Resp shipped = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of("parcels", List.of(Map.of("weight_grams", 900))));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        assertThat(easypost.purchases).hasSize(before + 1);
        ObjectNode bought = easypost.shipments.get(easypost.purchases.get(before));
        assertThat(shipped.json().path("tracking_numbers").get(0).asText()).isEqualTo(bought.path("tracking_code").asText());
        assertThat(shipped.json().path("carrier").asText()).isEqualTo("USPS");
        assertThat(shipped.json().path("service_code").asText()).isEqualTo("Priority");
        assertThat(bought.path("selected_rate").path("rate").asText()).as("the cheapest USPS Priority").isEqualTo("7.58");
        assertThat(bought.path("from_address").path("city").asText()).isEqualTo("Leeds");
        assertThat(bought.path("parcel").path("weight").asDouble()).isEqualTo(31.8); // 900 g in ounces, rounded up
        String archive = "labels/" + s.tenant + "/easypost/" + bought.path("id").asText() + ".pdf";
        assertThat(Platform.get().documentStorage.size(archive)).as("label archived in S3").isPresent();

        // the money: refund one unit, as the customer sent it back
        String line = s.agent.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Resp refund = s.admin.post("/v1/orders/" + id + "/refunds", Map.of("reason", "returned", "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        JsonNode payment = s.admin.get("/v1/orders/" + id + "/payments/" + pi).json();
        assertThat(payment.path("captured").path("amount").asLong()).isEqualTo(stripe.intent(pi).path("amount_received").asLong());
        assertThat(payment.path("refunded").path("amount").asLong())
                .isEqualTo(stripe.refundsOf(pi).stream().mapToLong(r -> r.path("amount").asLong()).sum()).isEqualTo(2495);

        // a second order is cancelled: the saga voids its PaymentIntent
        String[] second = confirmedOrder(s);
        s.agent.post("/v1/orders/" + second[0] + "/cancel", Map.of("reason", "Changed my mind"));
        eventually("the second order to be cancelled", () -> "cancelled".equals(s.agent.get("/v1/orders/" + second[0]).json().path("status").asText()));
        assertThat(stripe.intent(second[1]).path("status").asText()).isEqualTo("canceled");

        JsonNode calls = s.admin.get("/v1/orders/connectors/carrier/calls").json().path("data");
        assertThat(calls.findValuesAsText("operation")).contains("book");
        assertThat(calls.findValuesAsText("vendor_request_id")).contains(bought.path("id").asText());
    }

    /** EasyPost's scheme, computed here: {@code hmac-sha256-hex=<hex HMAC-SHA256 of the body keyed with the secret>}. */
    static String easyPostSignature(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "hmac-sha256-hex=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void easyPostTrackingWebhooksAreVerifiedAppliedOnceAndDeliver() {
        Shop s = shop();
        System.setProperty("EASYPOST_IT_WHSEC", "ep-secret-" + s.tenant);
        Resp set = s.admin.post("/v1/orders/connectors/carrier", Map.of("adapter", "easypost",
                "settings", Map.of("api_base", easypost.url(), "timeout_ms", "3000"),
                "secrets", Map.of("api_key", "env:EASYPOST_IT_KEY", "webhook_secret", "env:EASYPOST_IT_WHSEC")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        String id = confirmedOrder(s)[0];
        String f = fulfilment(s, id);
        Resp shipped = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        String tracking = shipped.json().path("tracking_numbers").get(0).asText();
        String epShipment = easypost.shipments.values().stream().filter(x -> tracking.equals(x.path("tracking_code").asText()))
                .findFirst().orElseThrow().path("id").asText();
        String body = "{\"id\":\"evt_" + epShipment + "\",\"object\":\"Event\",\"description\":\"tracker.updated\",\"result\":{"
                + "\"id\":\"trk_" + epShipment + "\",\"object\":\"Tracker\",\"tracking_code\":\"" + tracking + "\",\"status\":\"delivered\","
                + "\"shipment_id\":\"" + epShipment + "\",\"tracking_details\":["
                + "{\"object\":\"TrackingDetail\",\"status\":\"in_transit\",\"message\":\"Arrived at facility\",\"datetime\":\"2030-01-02T08:30:00Z\","
                + "\"tracking_location\":{\"object\":\"TrackingLocation\",\"city\":\"LEEDS\",\"country\":\"GB\"}},"
                + "{\"object\":\"TrackingDetail\",\"status\":\"delivered\",\"message\":\"Delivered\",\"datetime\":\"2030-01-03T10:00:00Z\"}]}}";
        String url = "/v1/orders/webhook/carrier/easypost/" + s.tenant;

        assertThat(anonymous().post(url, body).code()).isEqualTo("webhook.signature_invalid");
        assertThat(anonymous().header("X-Hmac-Signature", easyPostSignature("wrong", body)).post(url, body).code()).isEqualTo("webhook.signature_invalid");
        assertThat(anonymous().header("X-Hmac-Signature", easyPostSignature("ep-secret-" + s.tenant, body))
                .post(url, body.replace("Delivered", "Lost")).code()).as("tampered").isEqualTo("webhook.signature_invalid");

        Resp ok = anonymous().header("X-Hmac-Signature", easyPostSignature("ep-secret-" + s.tenant, body)).post(url, body);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("received").asBoolean()).isTrue();
        JsonNode order = s.agent.get("/v1/orders/" + id).json();
        assertThat(order.path("shipping_status").asText()).isEqualTo("delivered");
        Resp again = anonymous().header("X-Hmac-Signature", easyPostSignature("ep-secret-" + s.tenant, body)).post(url, body);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();

        String foreign = "{\"id\":\"evt_foreign_" + epShipment + "\",\"object\":\"Event\",\"description\":\"tracker.updated\",\"result\":{"
                + "\"id\":\"trk_x\",\"object\":\"Tracker\",\"tracking_code\":\"EZ999\",\"shipment_id\":\"shp_not_ours\",\"tracking_details\":[{\"status\":\"in_transit\"}]}}";
        assertThat(anonymous().header("X-Hmac-Signature", easyPostSignature("ep-secret-" + s.tenant, foreign)).post(url, foreign)
                .json().path("ignored").asBoolean()).isTrue();
    }

    @Test
    void aTimeOutAfterThePurchaseBuysNoSecondLabel() {
        Shop s = shop();
        String id = confirmedOrder(s)[0];
        String f = fulfilment(s, id);
        int before = easypost.purchases.size();
        easypost.delayAfterWork("/buy", 4000, 1);
        Resp lost = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.code()).isEqualTo("connector.unavailable");
        assertThat(easypost.purchases).as("EasyPost bought it").hasSize(before + 1);
        String boughtId = easypost.purchases.get(easypost.purchases.size() - 1);

        Resp retried = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(easypost.purchases).as("no second label").hasSize(before + 1);
        assertThat(retried.json().path("tracking_numbers").get(0).asText()).isEqualTo(easypost.shipments.get(boughtId).path("tracking_code").asText());
        assertThat(easypost.shipments.values().stream().filter(x -> x.path("reference").asText("").startsWith(retried.json().path("id").asText())).count())
                .as("one EasyPost shipment for the OMS shipment's parcel").isLessThanOrEqualTo(1);
    }

    @Test
    void easyPostRefusalsAndOutagesChangeNothing() {
        Shop s = shop();
        String id = confirmedOrder(s)[0];
        String f = fulfilment(s, id);
        int before = easypost.purchases.size();
        easypost.fail("/v2/shipments", 422, "SHIPMENT.INVALID_PARAMS", 1);
        Resp refused = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("carrier.refused");
        assertThat(refused.json().path("vendor_code").asText()).isEqualTo("SHIPMENT.INVALID_PARAMS");
        easypost.fail("/v2/shipments", 500, "INTERNAL_SERVER_ERROR", 1);
        assertThat(s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).code()).isEqualTo("connector.unavailable");
        easypost.fail("/v2/shipments", 429, "RATE_LIMITED", 1);
        assertThat(s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).code()).isEqualTo("connector.unavailable");
        assertThat(easypost.purchases).hasSize(before);
        assertThat(s.agent.get("/v1/orders/" + id).json().path("shipping_status").asText()).isNotEqualTo("shipped");
        assertThat(s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).status()).isEqualTo(201);
        assertThat(easypost.purchases).hasSize(before + 1);
    }

    @Test
    void anAddressEasyPostCannotVerifyBuysNoLabel() {
        Shop s = shop();
        ObjectNode body = TestSystem.order("ep-bad-" + s.tenant);
        body.putArray("items").add(item("SKU-EP", 2, 2495, "GBP"));
        body.with("shipping_address").put("postal_code", "00000");
        String id = create(s.agent, body);
        String pi = stripe.authorizedIntent(4990, "GBP");
        assertThat(s.admin.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pi, "amount", Map.of("amount", 4990, "currency", "GBP"))).status()).isEqualTo(201);
        assertThat(s.agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");
        String f = fulfilment(s, id);
        int before = easypost.purchases.size();
        Resp refused = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("carrier.address_unverified");
        assertThat(easypost.purchases).hasSize(before);
        assertThat(s.agent.get("/v1/orders/" + id).json().path("shipping_status").asText()).isNotEqualTo("shipped");

        Resp off = s.admin.post("/v1/orders/connectors/carrier", Map.of("adapter", "easypost",
                "settings", Map.of("api_base", easypost.url(), "verify_addresses", "maybe"), "secrets", Map.of("api_key", "env:EASYPOST_IT_KEY")));
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.toString()).contains("settings.verify_addresses");
    }

    @Test
    void aWithdrawnReturnsUnusedLabelIsRefundedByEasyPost() {
        Shop s = shop();
        String id = confirmedOrder(s)[0];
        String f = fulfilment(s, id);
        assertThat(s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).status()).isEqualTo(201);
        String line = s.agent.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Resp ret = s.agent.post("/v1/orders/" + id + "/returns", Map.of("lines", List.of(Map.of("line_id", line, "quantity", 1, "reason_code", "too_small")),
                "return_method", "ship", "refund", "refund_to_card"));
        assertThat(ret.status()).as(ret.toString()).isEqualTo(201);
        String returnId = ret.json().path("return_id").asText();
        int before = easypost.purchases.size();
        Resp label = s.agent.post("/v1/orders/returns/" + returnId + "/ship-return-label", Map.of());
        assertThat(label.status()).as(label.toString()).isEqualTo(200);
        assertThat(easypost.purchases).hasSize(before + 1);
        String vendorShipment = easypost.purchases.get(before);
        assertThat(easypost.shipments.get(vendorShipment).path("is_return").asBoolean()).isTrue();

        Resp withdrawn = s.agent.post("/v1/orders/returns/" + returnId + "/cancel", Map.of("reason", "kept it"));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(easypost.refunds).containsExactly(vendorShipment);
        JsonNode cancelled = null;
        for (JsonNode e : s.admin.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data")) {
            if (e.path("type").asText().equals("return.cancelled")) cancelled = e;
        }
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.path("data").path("label_refund").asText()).isEqualTo("submitted");
        JsonNode calls = s.admin.get("/v1/orders/connectors/carrier/calls?limit=50").json().path("data");
        assertThat(calls.findValuesAsText("operation")).contains("return_label", "refund_label");
    }

    @Test
    void labelledParcelsArePickedUpAndClosedOutOnOneScanFormOnce() {
        Shop s = shop();
        List<String> tracking = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = confirmedOrder(s)[0];
            Resp shipped = s.warehouse.post("/v1/orders/" + id + "/fulfillments/" + fulfilment(s, id) + "/ship", Map.of());
            assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
            tracking.add(shipped.json().path("tracking_numbers").get(0).asText());
        }
        var carrier = Platform.get().carrier; // the routed port: the tenant's registry names easypost
        java.time.Instant from = java.time.Instant.parse("2026-12-07T09:00:00Z"), to = java.time.Instant.parse("2026-12-07T17:00:00Z");
        var request = new dev.oms.app.connector.CarrierService.PickupRequest(tracking, null, from, to, "Dock 3");
        var pickup = carrier.schedulePickup(s.tenant, request, "pickup-" + s.tenant);
        assertThat(pickup.carrier()).isEqualTo("USPS");
        assertThat(pickup.confirmation()).startsWith("WTC");
        assertThat(carrier.schedulePickup(s.tenant, request, "pickup-" + s.tenant).confirmation()).isEqualTo(pickup.confirmation());
        assertThat(easypost.pickupsBought).containsExactly(pickup.id());
        assertThat(easypost.pickups.get(pickup.id()).path("instructions").asText()).isEqualTo("Dock 3 (2 parcels)");

        var form = carrier.scanForm(s.tenant, tracking, "close-" + s.tenant);
        int forms = easypost.scanForms.size();
        assertThat(Json.write(easypost.scanForms.get(form.id()).path("tracking_codes"))).contains(tracking.get(0), tracking.get(1));
        assertThat(form.documentUrl()).endsWith("/files/scan_form/" + form.id() + ".pdf");
        assertThat(carrier.scanForm(s.tenant, tracking, "close-" + s.tenant).id()).as("the same key, the same form").isEqualTo(form.id());
        assertThat(easypost.scanForms).as("no second form").hasSize(forms);
        assertThat(Platform.get().documentStorage.size("labels/" + s.tenant + "/easypost/" + form.id() + ".pdf")).as("form archived").isPresent();
        assertThat(form.status()).isEqualTo("accepted");
        easypost.scanForms.get(form.id()).put("status", "creating");
        assertThat(carrier.scanFormStatus(s.tenant, form.id()).status()).isEqualTo("pending");
        easypost.scanForms.get(form.id()).put("status", "failed").put("message", "USPS refused the form");
        var refused = carrier.scanFormStatus(s.tenant, form.id());
        assertThat(refused.status()).isEqualTo("rejected");
        assertThat(refused.message()).isEqualTo("USPS refused the form");

        assertThatThrownBy(() -> carrier.scanForm(s.tenant, List.of("NOT-OURS-1"), "close-2-" + s.tenant))
                .hasMessageContaining("NOT-OURS-1");
        JsonNode calls = s.admin.get("/v1/orders/connectors/carrier/calls?limit=50").json().path("data");
        assertThat(calls.findValuesAsText("operation")).contains("pickup", "scan_form");
    }
}
