package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant switched to Stripe (a local stub speaking Stripe's protocol): payments are linked, captured in parts,
 * refunded and voided by the cancellation saga through PaymentIntents, with idempotency keys, declines, 5xx, 429,
 * time-outs, a circuit breaker, and a call log that matches what Stripe saw.
 */
class StripeConnectorIT {
    static StripeStub stripe;
    /** What reached PaymentsFunction: the API functions carry no stripe-java, each Stripe call is relayed to it. */
    static final List<String> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
    static Object relay;

    @BeforeAll
    static void start() {
        stripe = new StripeStub("sk_test_it_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        System.setProperty("STRIPE_IT_KEY", stripe.apiKey);
        var functions = runtime().functions();
        @SuppressWarnings("unchecked")
        var real = (com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>>) functions.instance("PaymentsFunction");
        relay = real;
        functions.replace("PaymentsFunction", (com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>>) (event, context) -> {
            relayed.add(String.valueOf(event.get("operation")));
            return real.handleRequest(event, context);
        });
    }

    @AfterAll
    static void stop() {
        runtime().functions().replace("PaymentsFunction", relay);
        stripe.close();
    }

    @AfterEach
    void clearFaults() { stripe.clearFaults(); }

    /** A tenant whose payments go to the stub; its admin and finance clients. */
    record Shop(String tenant, Client admin, Client finance, Client agent) { }

    static Shop shop(Map<String, String> extraSettings) {
        String t = newTenant();
        Shop s = new Shop(t, as(t, "admin-s", "admin"), as(t, "fin-s", "finance"), as(t, "agent-s", "agent"));
        Map<String, String> settings = new HashMap<>(Map.of("api_base", stripe.url(), "multicapture", "true", "timeout_ms", "1500"));
        settings.putAll(extraSettings);
        Resp r = s.admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe", "settings", settings,
                "secrets", Map.of("api_key", "env:STRIPE_IT_KEY")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return s;
    }

    /** An order of 2 x 2495 GBP (4990) with a Stripe PaymentIntent of 4990 linked to it. */
    static String[] orderWithIntent(Shop s) {
        String id = create(s.agent, order("cs-" + s.tenant));
        String pi = stripe.authorizedIntent(4990, "GBP");
        Resp linked = s.finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pi, "amount", Map.of("amount", 4990, "currency", "GBP")));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().path("summary").path("payment_status").asText()).isEqualTo("authorized");
        return new String[] {id, pi};
    }

    static Resp capture(Shop s, String orderId, String pi, long amount) {
        return s.finance.post("/v1/orders/" + orderId + "/payments/capture", Map.of("payment_id", pi, "amount", Map.of("amount", amount, "currency", "GBP")));
    }

    @Test
    void confirmedCapturedInPartsAndRefundedThroughStripe() {
        Shop s = shop(Map.of());
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];
        assertThat(s.agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");

        Resp first = capture(s, id, pi, 2000);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(stripe.intent(pi).path("amount_received").asLong()).isEqualTo(2000);
        assertThat(stripe.intent(pi).path("status").asText()).isEqualTo("requires_capture");
        Resp rest = s.finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pi));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(stripe.intent(pi).path("amount_received").asLong()).isEqualTo(4990);
        assertThat(stripe.intent(pi).path("status").asText()).isEqualTo("succeeded");
        List<StripeStub.Seen> captures = stripe.requests("POST", pi + "/capture");
        assertThat(captures).extracting(c -> c.form().get("amount_to_capture")).containsExactly("2000", "2990");
        assertThat(captures).extracting(c -> c.form().get("final_capture")).containsOnly("false");
        assertThat(captures).extracting(StripeStub.Seen::idempotencyKey).doesNotContainNull().doesNotHaveDuplicates();

        JsonNode order = s.agent.get("/v1/orders/" + id).json();
        assertThat(order.path("payment_status").asText()).isEqualTo("paid");
        String line = order.path("lines").get(0).path("id").asText();
        Resp refund = s.finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "one arrived broken",
                "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.json().path("refund").path("status").asText()).isEqualTo("succeeded");
        assertThat(stripe.refundsOf(pi)).extracting(r -> r.path("amount").asLong()).containsExactly(2495L);
        String stripeRefund = stripe.refundsOf(pi).get(0).path("id").asText();
        assertThat(refund.json().path("refund").toString()).contains(stripeRefund);
        assertThat(s.agent.get("/v1/orders/" + id).json().path("payment_status").asText()).isEqualTo("partially_refunded");

        // each Stripe call went from the API function to PaymentsFunction, one Lambda invocation each
        assertThat(relayed).contains("status", "capture", "refund");

        // the call log: every call, with Stripe's request ids and the request's correlation id
        JsonNode calls = s.admin.get("/v1/orders/connectors/payments/calls?limit=50").json().path("data");
        assertThat(calls.findValuesAsText("operation")).contains("status", "capture", "refund");
        assertThat(calls.findValuesAsText("outcome")).containsOnly("ok");
        assertThat(calls.findValuesAsText("vendor_request_id")).allMatch(v -> v.startsWith("req_"));
        assertThat(calls.toString()).doesNotContain(stripe.apiKey);
        JsonNode health = s.admin.get("/v1/orders/connectors/payments").json().path("health");
        assertThat(health.path("adapter").asText()).isEqualTo("stripe");
        assertThat(health.path("last_success_at").isNull()).isFalse();
        assertThat(health.path("error_rate").asDouble()).isZero();
    }

    @Test
    void declinesAreRefusalsAndOutagesAreUnavailableWithNothingChanged() {
        Shop s = shop(Map.of("max_network_retries", "1"));
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];

        stripe.fail(pi + "/capture", 402, "card_error", "card_declined", "Your card was declined.", Map.of(), 1);
        Resp declined = capture(s, id, pi, 1000);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(422);
        assertThat(declined.code()).isEqualTo("payment.operation_refused");
        assertThat(declined.json().path("vendor_code").asText()).isEqualTo("card_declined");

        stripe.fail(pi + "/capture", 500, "api_error", null, "Something went wrong on Stripe's end.", Map.of(), 5);
        Resp down = capture(s, id, pi, 1000);
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("connector.unavailable");
        stripe.clearFaults();

        stripe.fail(pi + "/capture", 429, "rate_limit_error", "rate_limit", "Too many requests", Map.of("Retry-After", "1"), 5);
        assertThat(capture(s, id, pi, 1000).code()).isEqualTo("connector.unavailable");
        stripe.clearFaults();
        assertThat(stripe.intent(pi).path("amount_received").asLong()).isZero();
        assertThat(s.finance.get("/v1/orders/" + id + "/payments/" + pi).json().path("captured").path("amount").asLong()).isZero();

        // Stripe captures, but the answer comes after the time-out: the retry with the same key gets the same capture
        stripe.delayAfterWork(pi + "/capture", 4000, 2);
        Resp timedOut = capture(s, id, pi, 1000);
        assertThat(timedOut.code()).isEqualTo("connector.unavailable");
        assertThat(stripe.intent(pi).path("amount_received").asLong()).isEqualTo(1000);
        Resp again = capture(s, id, pi, 1000);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(stripe.intent(pi).path("amount_received").asLong()).as("captured once").isEqualTo(1000);
        assertThat(stripe.requests("POST", pi + "/capture").stream().filter(StripeStub.Seen::replayed).count()).isPositive();
        assertThat(s.finance.get("/v1/orders/" + id + "/payments/" + pi).json().path("captured").path("amount").asLong()).isEqualTo(1000);

        JsonNode calls = s.admin.get("/v1/orders/connectors/payments/calls?limit=50").json().path("data");
        assertThat(calls.findValuesAsText("outcome")).contains("refused", "failed", "ok");
        JsonNode health = s.admin.get("/v1/orders/connectors/payments").json().path("health");
        assertThat(health.path("last_failure_at").isNull()).isFalse();
        assertThat(health.path("error_rate").asDouble()).isPositive();
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndCallsStopReachingStripe() {
        Shop s = shop(Map.of("max_network_retries", "0"));
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];
        stripe.fail(pi + "/capture", 503, "api_error", null, "unavailable", Map.of(), 100);
        for (int i = 0; i < 5; i++) assertThat(capture(s, id, pi, 100).code()).isEqualTo("connector.unavailable");
        int seen = stripe.requests("POST", pi + "/capture").size();
        Resp open = capture(s, id, pi, 100);
        assertThat(open.code()).isEqualTo("connector.unavailable");
        assertThat(open.json().path("detail").asText()).contains("circuit breaker");
        assertThat(stripe.requests("POST", pi + "/capture")).hasSize(seen);
        assertThat(s.admin.get("/v1/orders/connectors/payments").json().path("health").path("circuit_state").asText()).isEqualTo("open");
        assertThat(s.admin.get("/v1/orders/connectors/payments/calls?limit=1").json().path("data").get(0).path("outcome").asText())
                .isEqualTo("circuit_open");
    }

    @Test
    void aCancelledOrderIsVoidedAtStripeByTheSaga() {
        Shop s = shop(Map.of());
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];
        s.agent.post("/v1/orders/" + id + "/confirm", null);
        Resp cancel = s.agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Changed my mind", "refund", true, "restock", true));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        eventually("the order to be cancelled", () -> "cancelled".equals(s.agent.get("/v1/orders/" + id).json().path("status").asText()));
        assertThat(stripe.intent(pi).path("status").asText()).isEqualTo("canceled");
        assertThat(stripe.requests("POST", pi + "/cancel")).hasSize(1);
        assertThat(stripe.requests("POST", pi + "/cancel").get(0).idempotencyKey()).startsWith("oms-void-");
    }

    @Test
    void aCancelledOrderThatWasCapturedIsRefundedAtStripe() {
        Shop s = shop(Map.of());
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];
        s.agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(s.finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pi)).status()).isEqualTo(200);
        s.agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Out of stock", "refund", true));
        eventually("the order to be cancelled", () -> "cancelled".equals(s.agent.get("/v1/orders/" + id).json().path("status").asText()));
        assertThat(stripe.refundsOf(pi)).extracting(r -> r.path("amount").asLong()).containsExactly(4990L);
        JsonNode order = s.agent.get("/v1/orders/" + id).json();
        assertThat(order.path("payment_status").asText()).isEqualTo("refunded");
    }

    /** Stripe's scheme, computed here: {@code t=<time>,v1=<hex HMAC-SHA256("<t>.<body>") keyed with the whole whsec_ secret>}. */
    static String stripeSignature(String secret, long t, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Resp stripeEvent(String tenant, String body, String signature) {
        Client c = anonymous();
        if (signature != null) c = c.header("Stripe-Signature", signature);
        return c.post("/v1/orders/webhook/payment/stripe/" + tenant, body);
    }

    @Test
    void stripeWebhooksAreVerifiedAndAppliedOnce() {
        Shop s = shop(Map.of());
        System.setProperty("STRIPE_IT_WHSEC", "whsec_it_" + s.tenant);
        Resp set = s.admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe",
                "settings", Map.of("api_base", stripe.url(), "multicapture", "true"),
                "secrets", Map.of("api_key", "env:STRIPE_IT_KEY", "webhook_secret", "env:STRIPE_IT_WHSEC")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        String[] o = orderWithIntent(s);
        String id = o[0], pi = o[1];
        // captured in Stripe's dashboard: Stripe tells the OMS with payment_intent.succeeded
        stripe.intent(pi).putObject("metadata").put("order_id", id);
        stripe.intent(pi).put("amount_received", 4990).put("amount_capturable", 0).put("status", "succeeded").put("latest_charge", "ch_dash_" + pi);
        String body = "{\"id\":\"evt_" + pi + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"data\":{\"object\":{\"id\":\"" + pi + "\",\"object\":\"payment_intent\",\"amount\":4990,\"amount_received\":4990,"
                + "\"currency\":\"gbp\",\"status\":\"succeeded\",\"metadata\":{\"order_id\":\"" + id + "\"}}}}";
        long now = now();

        Resp unsigned = stripeEvent(s.tenant, body, null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.code()).isEqualTo("webhook.signature_invalid");
        assertThat(stripeEvent(s.tenant, body, stripeSignature("whsec_wrong", now, body)).code()).isEqualTo("webhook.signature_invalid");
        assertThat(stripeEvent(s.tenant, body, stripeSignature("whsec_it_" + s.tenant, now - 900, body)).code()).isEqualTo("webhook.timestamp_stale");
        assertThat(stripeEvent(s.tenant, body.replace("4990", "1"), stripeSignature("whsec_it_" + s.tenant, now, body)).code())
                .as("a body changed after signing").isEqualTo("webhook.signature_invalid");
        assertThat(stripeEvent(newTenant(), body, stripeSignature("whsec_it_" + s.tenant, now, body)).code())
                .as("a tenant without Stripe").isEqualTo("webhook.signature_invalid");

        Resp ok = stripeEvent(s.tenant, body, stripeSignature("whsec_it_" + s.tenant, now, body));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("received").asBoolean()).isTrue();
        JsonNode payment = s.finance.get("/v1/orders/" + id + "/payments/" + pi).json();
        assertThat(payment.path("captured").path("amount").asLong()).isEqualTo(4990);
        assertThat(s.agent.get("/v1/orders/" + id).json().path("payment_status").asText()).isEqualTo("paid");
        Resp duplicate = stripeEvent(s.tenant, body, stripeSignature("whsec_it_" + s.tenant, now + 1, body));
        assertThat(duplicate.json().path("duplicate").asBoolean()).isTrue();
        List<String> types = s.agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types.stream().filter("order.payment_updated"::equals).count()).isEqualTo(1);

        String other = "{\"id\":\"evt_other_" + pi + "\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_1\"}}}";
        assertThat(stripeEvent(s.tenant, other, stripeSignature("whsec_it_" + s.tenant, now, other)).json().path("ignored").asBoolean()).isTrue();

        // a chargeback: the dispute names only its PaymentIntent, whose metadata names the order
        String opened = dispute("evt_dp_open_" + pi, "charge.dispute.created", pi, "needs_response");
        Resp disputed = stripeEvent(s.tenant, opened, stripeSignature("whsec_it_" + s.tenant, now, opened));
        assertThat(disputed.json().path("order_id").asText()).as(disputed.toString()).isEqualTo(id);
        JsonNode updated = s.finance.get("/v1/orders/" + id + "/payments/" + pi).json();
        assertThat(updated.path("status").asText()).as(updated.toString()).isEqualTo("disputed");
        JsonNode event = s.agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findParents("type").stream()
                .filter(n -> n.path("type").asText().equals("order.payment_updated") && n.path("data").path("status").asText().equals("disputed"))
                .findFirst().orElseThrow();
        assertThat(event.path("data").path("source_event").asText()).isEqualTo("payment.disputed");
        assertThat(event.path("data").path("amount").asLong()).isEqualTo(4990);
        // won: the money stays
        String won = dispute("evt_dp_won_" + pi, "charge.dispute.closed", pi, "won");
        assertThat(stripeEvent(s.tenant, won, stripeSignature("whsec_it_" + s.tenant, now, won)).status()).isEqualTo(200);
        assertThat(s.finance.get("/v1/orders/" + id + "/payments/" + pi).json().path("status").asText()).isEqualTo("captured");
        // a dispute still under review changes nothing; one of an intent no order names is ignored
        String review = dispute("evt_dp_review_" + pi, "charge.dispute.updated", pi, "under_review");
        assertThat(stripeEvent(s.tenant, review, stripeSignature("whsec_it_" + s.tenant, now, review)).json().path("ignored").asBoolean()).isTrue();
        String stranger = dispute("evt_dp_x_" + pi, "charge.dispute.created", stripe.authorizedIntent(100, "GBP"), "needs_response");
        assertThat(stripeEvent(s.tenant, stranger, stripeSignature("whsec_it_" + s.tenant, now, stranger)).json().path("ignored").asBoolean()).isTrue();
    }

    /** A Stripe event about a dispute of the PaymentIntent's charge (its own metadata empty, as Stripe sends it). */
    static String dispute(String eventId, String type, String paymentIntent, String status) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\"dp_" + paymentIntent
                + "\",\"object\":\"dispute\",\"amount\":4990,\"currency\":\"gbp\",\"charge\":\"ch_dash_" + paymentIntent + "\",\"payment_intent\":\""
                + paymentIntent + "\",\"reason\":\"fraudulent\",\"status\":\"" + status + "\",\"metadata\":{}}}}";
    }

    @Test
    void aWrongApiKeyIsAnOutageThatNeverShowsTheKey() {
        Shop s = shop(Map.of());
        System.setProperty("STRIPE_IT_WRONG", "sk_test_wrong_value");
        assertThat(s.admin.post("/v1/orders/connectors/payments", Map.of("adapter", "stripe",
                "settings", Map.of("api_base", stripe.url()), "secrets", Map.of("api_key", "env:STRIPE_IT_WRONG"))).status()).isEqualTo(200);
        String id = create(s.agent, order("cw"));
        Resp r = s.finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", stripe.authorizedIntent(4990, "GBP"),
                "amount", Map.of("amount", 4990, "currency", "GBP")));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).doesNotContain("sk_test_wrong_value");
        assertThat(s.admin.get("/v1/orders/connectors/payments/calls").text()).doesNotContain("sk_test_wrong_value");
    }
}
