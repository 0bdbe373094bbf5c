package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Webhooks end to end: subscriptions over HTTP, test sends and deliveries to a receiver on 127.0.0.1 that checks the
 * signature itself, the fan-out and the dispatcher invoked as Lambda would (events do not flow through a local bus
 * and queues yet), and signed inbound postbacks.
 */
class WebhooksIT {

    /** An endpoint that accepts a message only when one of its signatures is valid for one of {@link #secrets}. */
    static final class Receiver implements AutoCloseable {
        record Received(String id, String timestamp, String signature, String userAgent, String contentType, String body) { }

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final List<String> secrets = new CopyOnWriteArrayList<>();
        volatile int status = 200;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                var h = ex.getRequestHeaders();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Received r = new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        h.getFirst("user-agent"), h.getFirst("content-type"), body);
                received.add(r);
                ex.sendResponseHeaders(signedByOneOfOurs(r) ? status : 401, -1);
                ex.close();
            });
            server.start();
        }

        boolean signedByOneOfOurs(Received r) {
            if (r.signature() == null || r.id() == null || r.timestamp() == null) return false;
            for (String secret : secrets) {
                for (String given : r.signature().split(" ")) {
                    if (given.equals(sign(secret, r.id(), Long.parseLong(r.timestamp()), r.body()))) return true;
                }
            }
            return false;
        }

        String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks"; }

        Received last() { return received.get(received.size() - 1); }

        @Override
        public void close() { server.stop(0); }
    }

    Receiver receiver;
    String tenant;
    Client admin;

    @BeforeEach
    void setUp() throws Exception {
        runtime();
        receiver = new Receiver();
        tenant = newTenant();
        admin = as(tenant, "hooks-admin", "admin");
    }

    @AfterEach
    void tearDown() { receiver.close(); }

    Resp subscribe(Client client, Object events) {
        return client.post("/v1/orders/webhooks", Map.of("url", receiver.url(), "events", events, "description", "ERP"));
    }

    static List<String> fieldCodes(Resp r) {
        List<String> out = new ArrayList<>();
        r.json().path("errors").forEach(e -> out.add(e.path("field").asText() + ":" + e.path("code").asText()));
        return out;
    }

    @Test
    void anOrderEventReachesTheSubscriberThroughTheWholePipeline() {
        Resp sub = subscribe(admin, List.of("order.created", "order.held"));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        receiver.secrets.add(sub.json().path("secret").asText());
        String id = create(admin, TestSystem.order("pipeline"));
        admin.post("/v1/orders/" + id + "/hold", Map.of("reason", "check"));
        admin.patch("/v1/orders/" + id, Map.of("metadata", Map.of("not", "subscribed")));
        // table -> stream -> EventBridge -> events queue -> fan-out -> delivery queue -> dispatcher -> this receiver
        eventually("two signed deliveries", () -> receiver.received.stream().filter(receiver::signedByOneOfOurs).count() >= 2);
        List<String> types = new ArrayList<>();
        receiver.received.forEach(r -> types.add(parse(r.body()).path("type").asText()));
        assertThat(types).contains("order.created", "order.held").doesNotContain("order.updated");
        assertThat(parse(receiver.last().body()).path("order_id").asText()).isEqualTo(id);
        String webhookId = sub.json().path("id").asText();
        eventually("the delivery log", () -> admin.get("/v1/orders/webhooks/" + webhookId + "/deliveries").json().path("data")
                .findValuesAsText("state").stream().filter("delivered"::equals).count() >= 2);
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------------

    @Test
    void aSubscriptionIsCreatedWithItsSecretShownOnceThenListedReadAndDeleted() {
        Resp created = subscribe(admin, List.of("order.created", "order.cancelled"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        assertThat(id).startsWith("wh_");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(created.header("location")).isEqualTo("/v1/orders/webhooks/" + id);
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(created.json().path("events")).extracting(JsonNode::asText).containsExactly("order.created", "order.cancelled");
        assertThat(created.json().path("state").asText()).isEqualTo("active");

        Resp read = admin.get("/v1/orders/webhooks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("etag")).isEqualTo("\"1\"");
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.text()).doesNotContain(secret.substring(6));

        Resp list = admin.get("/v1/orders/webhooks?limit=1");
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(list.text()).doesNotContain(secret.substring(6));
        subscribe(admin, List.of("*"));
        Resp first = admin.get("/v1/orders/webhooks?limit=1");
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        Resp second = admin.get("/v1/orders/webhooks?limit=1&cursor=" + first.json().path("next_cursor").asText());
        assertThat(second.json().path("data")).hasSize(1);
        assertThat(second.json().path("data").get(0).path("id").asText()).isNotEqualTo(first.json().path("data").get(0).path("id").asText());

        assertThat(admin.header("If-Match", "\"9\"").delete("/v1/orders/webhooks/" + id).code()).isEqualTo("webhook.version_conflict");
        assertThat(admin.delete("/v1/orders/webhooks/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/v1/orders/webhooks/" + id).code()).isEqualTo("webhook.not_found");
        assertThat(admin.delete("/v1/orders/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void badSubscriptionsAreRefusedFieldByField() {
        Resp http = admin.post("/v1/orders/webhooks", Map.of("url", "http://hooks.example.com/x", "events", List.of("*")));
        assertThat(http.status()).isEqualTo(400);
        assertThat(fieldCodes(http)).containsExactly("url:url.not_https");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://10.1.2.3/x", "events", List.of("*")))))
                .containsExactly("url:url.not_public");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://169.254.169.254/latest/meta-data", "events", List.of("*")))))
                .containsExactly("url:url.not_public");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://[fd00::1]/x", "events", List.of("*")))))
                .containsExactly("url:url.not_public");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "not a url", "events", List.of("*")))))
                .containsExactly("url:url.invalid");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://8.8.8.8/x", "events", List.of("order.teleported", "order.created")))))
                .containsExactly("events[0]:events.unknown_type");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://8.8.8.8/x", "events", List.of()))))
                .containsExactly("events:field.too_few");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://8.8.8.8/x", "events", List.of("*"), "secret", "short"))))
                .containsExactly("secret:secret.too_short");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks", Map.of("url", "https://8.8.8.8/x", "events", List.of("*"), "colour", "red"))))
                .containsExactly("colour:field.unknown");
        Resp own = admin.post("/v1/orders/webhooks", Map.of("url", "https://8.8.8.8/x", "events", List.of("*"),
                "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().path("secret").asText()).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void onlyWebhookManagersOfTheTenantSeeSubscriptions() {
        String id = subscribe(admin, List.of("*")).json().path("id").asText();
        assertThat(subscribe(as(tenant, "agent-1", "agent"), List.of("*")).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "fin-1", "finance").get("/v1/orders/webhooks").status()).isEqualTo(403);
        assertThat(customer(tenant, "c1").get("/v1/orders/webhooks/" + id).status()).isEqualTo(403);
        assertThat(anonymous().get("/v1/orders/webhooks").status()).isEqualTo(401);
        assertThat(subscribe(as(tenant, "svc", "service"), List.of("order.created")).status()).isEqualTo(201);
        assertThat(as(tenant, "sup", "supervisor").get("/v1/orders/webhooks/" + id).status()).isEqualTo(200);
        Client stranger = as(newTenant(), "other-admin", "admin");
        assertThat(stranger.get("/v1/orders/webhooks/" + id).code()).isEqualTo("webhook.not_found");
        assertThat(stranger.delete("/v1/orders/webhooks/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/orders/webhooks").json().path("data")).isEmpty();
    }

    // ---- test sends -----------------------------------------------------------------------------------------------

    @Test
    void aTestSendToASubscriptionIsSignedWithItsSecretAndReportsTheAnswer() {
        Resp created = subscribe(admin, List.of("*"));
        String id = created.json().path("id").asText();
        receiver.secrets.add(created.json().path("secret").asText());

        Resp sent = admin.post("/v1/orders/webhooks/test", Map.of("webhook_id", id));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("delivered").asBoolean()).isTrue();
        assertThat(sent.json().path("status_code").asInt()).isEqualTo(200);
        assertThat(sent.json().path("latency_ms").asLong()).isNotNegative();
        assertThat(sent.json().has("secret")).isFalse();
        Receiver.Received r = receiver.last();
        assertThat(r.id()).isEqualTo(sent.json().path("message_id").asText());
        assertThat(r.userAgent()).isEqualTo("oms-webhooks/1");
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(Math.abs(Long.parseLong(r.timestamp()) - now())).isLessThan(60);
        JsonNode body = parse(r.body());
        assertThat(body.path("type").asText()).isEqualTo("webhook.test");
        assertThat(body.path("test").asBoolean()).isTrue();
        assertThat(body.path("tenant_id").asText()).isEqualTo(tenant);

        receiver.status = 500;
        Resp failing = admin.post("/v1/orders/webhooks/test", Map.of("webhook_id", id, "event_type", "order.cancelled"));
        assertThat(failing.json().path("delivered").asBoolean()).isFalse();
        assertThat(failing.json().path("status_code").asInt()).isEqualTo(500);
        assertThat(failing.json().path("error").asText()).isEqualTo("HTTP 500");
        assertThat(parse(receiver.last().body()).path("type").asText()).isEqualTo("order.cancelled");
    }

    @Test
    void aTestSendToABareUrlIsSignedWithANewSecretItReturns() {
        Resp sent = admin.post("/v1/orders/webhooks/test", Map.of("url", receiver.url()));
        assertThat(sent.json().path("status_code").asInt()).as("unsigned for the receiver: it knows no secret yet").isEqualTo(401);
        String secret = sent.json().path("secret").asText();
        Receiver.Received r = receiver.last();
        assertThat(r.signature()).isEqualTo(sign(secret, r.id(), Long.parseLong(r.timestamp()), r.body()));

        assertThat(fieldCodes(admin.post("/v1/orders/webhooks/test", Map.of("url", "https://192.168.0.10/x")))).containsExactly("url:url.not_public");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks/test", Map.of()))).containsExactly("webhook_id:field.required");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks/test", Map.of("url", receiver.url(), "webhook_id", "wh_1"))))
                .containsExactly("webhook_id:field.required");
        assertThat(fieldCodes(admin.post("/v1/orders/webhooks/test", Map.of("url", receiver.url(), "event_type", "nope"))))
                .containsExactly("event_type:events.unknown_type");
        assertThat(admin.post("/v1/orders/webhooks/test", Map.of("webhook_id", "wh_nope")).code()).isEqualTo("webhook.not_found");
        assertThat(as(tenant, "agent-1", "agent").post("/v1/orders/webhooks/test", Map.of("url", receiver.url())).status()).isEqualTo(403);
    }

    @Test
    void aRotatedSecretIsShownOnceAndTheOldOneKeepsSigningForADay() {
        Resp created = subscribe(admin, List.of("*"));
        String id = created.json().path("id").asText();
        String old = created.json().path("secret").asText();

        Resp rotated = admin.post("/v1/orders/webhooks/" + id + "/rotate-secret", null);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.header("etag")).isEqualTo("\"2\"");
        assertThat(rotated.json().path("previous_secret_expires_at").asText()).isNotEmpty();
        assertThat(admin.get("/v1/orders/webhooks/" + id).json().has("secret")).isFalse();

        receiver.secrets.add(old);
        assertThat(admin.post("/v1/orders/webhooks/test", Map.of("webhook_id", id)).json().path("status_code").asInt())
                .as("a receiver that still has the old secret").isEqualTo(200);
        receiver.secrets.clear();
        receiver.secrets.add(fresh);
        assertThat(admin.post("/v1/orders/webhooks/test", Map.of("webhook_id", id)).json().path("status_code").asInt())
                .as("a receiver that switched already").isEqualTo(200);
        assertThat(receiver.last().signature().split(" ")).hasSize(2);
        assertThat(admin.header("If-Match", "\"1\"").post("/v1/orders/webhooks/" + id + "/rotate-secret", null).code())
                .isEqualTo("webhook.version_conflict");
    }

    // ---- deliveries ------------------------------------------------------------------------------------------------

    @Test
    void aFailingSubscriberIsRetriedAndTheLogSaysSo() {
        Resp created = subscribe(admin, List.of("order.created"));
        String webhookId = created.json().path("id").asText();
        receiver.secrets.add(created.json().path("secret").asText());
        receiver.status = 503;
        create(admin, order("c2"));
        // the real pipeline delivers, gets 503, and schedules the next attempt (30 s later) by the message's visibility
        eventually("a retrying delivery", () -> admin.get("/v1/orders/webhooks/" + webhookId + "/deliveries?state=retrying")
                .json().path("data").size() == 1);
        JsonNode retrying = admin.get("/v1/orders/webhooks/" + webhookId + "/deliveries?state=retrying").json().path("data");
        assertThat(retrying.get(0).path("event_type").asText()).isEqualTo("order.created");
        assertThat(retrying.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(retrying.get(0).path("last_status_code").asInt()).isEqualTo(503);
        assertThat(retrying.get(0).path("last_error").asText()).isEqualTo("HTTP 503");
        assertThat(retrying.get(0).path("next_attempt_at").asText()).isNotEmpty();
        assertThat(receiver.received).hasSize(1);
        assertThat(receiver.signedByOneOfOurs(receiver.last())).isTrue();

        String retryingId = retrying.get(0).path("id").asText();
        assertThat(admin.post("/v1/orders/webhooks/" + webhookId + "/deliveries/" + retryingId + "/redeliver", null).code())
                .isEqualTo("webhook.delivery_in_progress");
        assertThat(admin.post("/v1/orders/webhooks/" + webhookId + "/deliveries/dlv_nope/redeliver", null).code())
                .isEqualTo("webhook.delivery_not_found");
        assertThat(admin.get("/v1/orders/webhooks/" + webhookId + "/deliveries?state=lost").code()).isEqualTo("request.invalid");
        assertThat(as(newTenant(), "x", "admin").get("/v1/orders/webhooks/" + webhookId + "/deliveries").status()).isEqualTo(404);
    }

    @Test
    void goneDisablesTheSubscription() {
        Resp created = subscribe(admin, List.of("*"));
        String webhookId = created.json().path("id").asText();
        receiver.secrets.add(created.json().path("secret").asText());
        receiver.status = 410;
        create(admin, order("c1"));
        // delivered through the real pipeline: the subscriber's 410 Gone disables the subscription
        eventually("the subscription to be disabled", () -> "disabled".equals(admin.get("/v1/orders/webhooks/" + webhookId).json().path("state").asText()));
        JsonNode s = admin.get("/v1/orders/webhooks/" + webhookId).json();
        assertThat(s.path("disabled_reason").asText()).contains("410");
        assertThat(admin.get("/v1/orders/webhooks/" + webhookId + "/deliveries").json().path("data").get(0).path("state").asText()).isEqualTo("failed");
    }

    // ---- inbound ---------------------------------------------------------------------------------------------------

    static String paymentPostback(String type, String orderId, String paymentId) {
        ObjectNode b = Json.object();
        b.put("type", type);
        b.put("timestamp", java.time.Instant.now().toString());
        b.putObject("data").put("payment_id", paymentId).put("order_id", orderId).putObject("amount").put("amount", 4990).put("currency", "GBP");
        return Json.write(b);
    }

    List<String> timeline(String orderId) {
        List<String> types = new ArrayList<>();
        admin.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    @Test
    void aPaymentPostbackConfirmsAPendingOrderOnceHoweverOftenItIsSent() {
        Platform p = Platform.get();
        String secret = p.inboundSecrets.generate(tenant, "payment");
        ObjectNode body = paidOrder(admin, "c1", "pending");
        String paymentId = body.path("payments").get(0).path("payment_id").asText();
        String orderId = create(admin, body);
        assertThat(admin.post("/v1/orders/" + orderId + "/confirm", null).json().path("status").asText()).isEqualTo("pending");
        p.payments.settle(tenant, paymentId, "authorized");
        String message = paymentPostback("payment.authorized", orderId, paymentId);

        Resp first = postback(tenant, "payment", secret, "evt_psp_1", now(), message);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("received").asBoolean()).isTrue();
        JsonNode order = admin.get("/v1/orders/" + orderId + "?expand=payments").json();
        assertThat(order.path("status").asText()).isEqualTo("confirmed");
        assertThat(order.path("payments").get(0).path("status").asText()).isEqualTo("authorized");
        assertThat(timeline(orderId)).endsWith("order.payment_pending", "order.payment_updated", "order.confirmed");
        long version = order.path("version").asLong();

        Resp again = postback(tenant, "payment", secret, "evt_psp_1", now(), message);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        Resp sameNewsNewId = postback(tenant, "payment", secret, "evt_psp_2", now(), message);
        assertThat(sameNewsNewId.json().path("received").asBoolean()).isTrue();
        assertThat(admin.get("/v1/orders/" + orderId).json().path("version").asLong()).isEqualTo(version);

        assertThat(postback(tenant, "payment", secret, "evt_psp_3", now(), paymentPostback("payment.captured", orderId, paymentId)).status())
                .isEqualTo(200);
        assertThat(admin.get("/v1/orders/" + orderId).json().path("balance_due").asLong()).isZero();
        JsonNode updated = admin.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data");
        JsonNode last = updated.get(updated.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("order.payment_updated");
        assertThat(last.path("actor").path("id").asText()).isEqualTo("webhook:payment");
        assertThat(last.path("data").path("previous_status").asText()).isEqualTo("authorized");
        assertThat(last.path("data").path("status").asText()).isEqualTo("captured");
    }

    @Test
    void inboundMessagesMustBeSignedFreshAndAboutTheTenantsOwnOrders() {
        String secret = Platform.get().inboundSecrets.generate(tenant, "payment");
        String orderId = create(admin, paidOrder(admin, "c1", "authorized"));
        String message = paymentPostback("payment.captured", orderId, "pg_unknown");

        assertThat(postback(tenant, "payment", Platform.get().inboundSecrets.generate(newTenant(), "payment"), "m1", now(), message).code())
                .isEqualTo("webhook.signature_invalid");
        assertThat(postback(tenant, "fulfillment", secret, "m1", now(), message).code()).as("another source's secret").isEqualTo("webhook.signature_invalid");
        assertThat(postback(newTenant(), "payment", secret, "m1", now(), message).code()).as("a tenant without a secret").isEqualTo("webhook.signature_invalid");
        Resp stale = postback(tenant, "payment", secret, "m1", now() - 600, message);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.code()).isEqualTo("webhook.timestamp_stale");
        assertThat(postback(tenant, "payment", secret, "m1", now() + 600, message).code()).isEqualTo("webhook.timestamp_stale");
        Resp tampered = anonymous().header("x-tenant-id", tenant).header("webhook-id", "m1").header("webhook-timestamp", Long.toString(now()))
                .header("webhook-signature", sign(secret, "m1", now(), message)).post("/v1/orders/webhook/payment", message.replace("captured", "voided"));
        assertThat(tampered.code()).isEqualTo("webhook.signature_invalid");
        assertThat(anonymous().post("/v1/orders/webhook/payment", message).code()).isEqualTo("webhook.signature_invalid");

        assertThat(postback(tenant, "payment", secret, "m1", now(), message).code()).isEqualTo("order.payment_not_found");
        assertThat(postback(tenant, "payment", secret, "m1", now(), message).code()).as("a failed message is not remembered").isEqualTo("order.payment_not_found");
        assertThat(postback(tenant, "payment", secret, "m2", now(), paymentPostback("payment.captured", "ord_nope", "pg_1")).code())
                .isEqualTo("order.not_found");
        String strangersOrder = create(as(newTenant(), "stranger", "admin"), order("c9"));
        assertThat(postback(tenant, "payment", secret, "m3", now(), paymentPostback("payment.captured", strangersOrder, "pg_1")).status()).isEqualTo(404);
        Resp invalid = postback(tenant, "payment", secret, "m4", now(), "{\"type\":\"payment.exploded\",\"data\":{\"order_id\":\"" + orderId + "\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fieldCodes(invalid)).containsExactly("type:field.not_allowed", "data.payment_id:field.required");
    }

    @Test
    void fulfillmentAndInvoiceUpdatesGoOnTheOrdersTimeline() {
        String fulfillment = Platform.get().inboundSecrets.generate(tenant, "fulfillment");
        String invoice = Platform.get().inboundSecrets.generate(tenant, "invoice");
        String orderId = create(admin, order("c1"));
        String shipped = "{\"type\":\"fulfillment.shipped\",\"data\":{\"order_id\":\"" + orderId + "\",\"fulfillment_id\":\"3pl-77\","
                + "\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\",\"parcels\":2,\"items\":[{\"sku\":\"SKU-1\"}]}}";

        assertThat(postback(tenant, "fulfillment", fulfillment, "3pl-msg-1", now(), shipped).json().path("received").asBoolean()).isTrue();
        assertThat(postback(tenant, "fulfillment", fulfillment, "3pl-msg-1", now(), shipped).json().path("duplicate").asBoolean()).isTrue();
        String issued = "{\"type\":\"invoice.issued\",\"data\":{\"order_id\":\"" + orderId + "\",\"invoice_id\":\"inv_9\",\"number\":\"INV-0009\"}}";
        assertThat(postback(tenant, "invoice", invoice, "bill-1", now(), issued).status()).isEqualTo(200);
        assertThat(postback(tenant, "fulfillment", fulfillment, "3pl-msg-2", now(), issued).code()).isEqualTo("request.invalid");

        JsonNode events = admin.get("/v1/orders/" + orderId + "/timeline").json().path("data");
        List<JsonNode> external = new ArrayList<>();
        events.forEach(e -> { if (e.path("type").asText().equals("order.external_update")) external.add(e); });
        assertThat(external).hasSize(2);
        JsonNode ship = external.get(0).path("data");
        assertThat(ship.path("source").asText()).isEqualTo("fulfillment");
        assertThat(ship.path("type").asText()).isEqualTo("fulfillment.shipped");
        assertThat(ship.path("external_id").asText()).isEqualTo("3pl-77");
        assertThat(ship.path("summary")).isEqualTo(parse("{\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\",\"parcels\":2}"));
        assertThat(external.get(1).path("data").path("external_id").asText()).isEqualTo("inv_9");
        assertThat(external.get(1).path("actor").path("id").asText()).isEqualTo("webhook:invoice");
    }

    /** The order's events as the stream publisher sends them (the envelope), oldest first. */
    List<ObjectNode> envelopes(String orderId) {
        List<ObjectNode> out = new ArrayList<>();
        Platform.get().table.query(dev.oms.platform.dynamo.TableQuery.builder()
                .keyCondition(dev.oms.platform.dynamo.KeyCondition.sortBeginsWith(Keys.order(tenant, orderId), Keys.EVENT_SK_PREFIX)).build())
                .items().forEach(d -> out.add(EventEnvelope.fromItem(d)));
        return out;
    }

    /** What the EventBridge rule puts on the webhook events queue: the event, with the envelope as its detail. */
    static String eventBridgeEvent(ObjectNode envelope) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", "eb-" + envelope.path("id").asText());
        e.put("detail-type", envelope.path("type").asText());
        e.put("source", EventEnvelope.SOURCE);
        e.put("time", envelope.path("occurred_at").asText());
        e.set("detail", envelope);
        return Json.write(e);
    }

    static SQSEvent sqsEvent(List<String> bodies, int receiveCount) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + records.size());
            m.setReceiptHandle("receipt-" + records.size());
            m.setBody(body);
            m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
