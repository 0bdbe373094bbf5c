package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system under test: one local runtime per test JVM (in memory, on a random port, with the demo data), and an
 * HTTP client that speaks to it as a given caller. Each test class uses tenants of its own.
 */
final class TestSystem {
    private static LocalRuntime runtime;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger TENANTS = new AtomicInteger();
    /** Every answer is held to the OpenAPI contract ({@link ContractResponses}); -Doms.contract.responses=false turns it off. */
    static final boolean CHECK_CONTRACT = !"false".equals(System.getProperty("oms.contract.responses"));

    private TestSystem() { }

    static synchronized LocalRuntime runtime() {
        if (runtime == null) {
            try {
                Path template = Path.of(System.getProperty("oms.template", "../../template.yaml"));
                System.setProperty("oms.sfn.delayScale", "0");
                runtime = LocalRuntime.start(new LocalRuntime.Options(DynamoDbLocal.freePort(), Files.createTempDirectory("oms-it"), true, true, template));
            } catch (Exception e) {
                throw new IllegalStateException("local runtime did not start", e);
            }
        }
        return runtime;
    }

    /** A fresh tenant id, so test classes never see each other's data. */
    static String newTenant() { return "t" + TENANTS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8); }

    static Client as(String tenant, String subject, String... roles) {
        java.util.Set<String> set = new LinkedHashSet<>(List.of(roles));
        return token(new Caller(tenant, subject, TokenService.defaultKind(set), set, null, null));
    }

    static Client customer(String tenant, String customerId) {
        return token(new Caller(tenant, customerId, "customer", java.util.Set.of("customer"), customerId, null));
    }

    static Client token(Caller caller) { return new Client("Bearer " + runtime().tokens().mint(caller, 3600)); }

    static Client anonymous() { return new Client(null); }

    static Client withAuthorization(String header) { return new Client(header); }

    /** A response: status, lower-case headers, body parsed as JSON (null when empty), and the raw text. */
    record Resp(int status, Map<String, String> headers, JsonNode json, String text) {
        String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }

        String code() { return json == null ? null : json.path("code").asText(null); }

        @Override
        public String toString() { return status + " " + text; }
    }

    static final class Client {
        private final String authorization;
        private final Map<String, String> extra = new LinkedHashMap<>();

        Client(String authorization) { this.authorization = authorization; }

        /** The Authorization header this client sends (null: anonymous). */
        String authorization() { return authorization; }

        Client header(String name, String value) {
            Client c = new Client(authorization);
            c.extra.putAll(extra);
            c.extra.put(name, value);
            return c;
        }

        Resp get(String path) { return send("GET", path, null); }

        Resp post(String path, Object body) { return send("POST", path, body); }

        Resp patch(String path, Object body) { return send("PATCH", path, body); }

        Resp delete(String path) { return send("DELETE", path, null); }

        Resp send(String method, String path, Object body) {
            String text = body == null ? null : body instanceof String s ? s : Json.write(Json.valueToTree(body));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime().baseUrl() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) b.header("content-type", "application/json");
            if (authorization != null) b.header("authorization", authorization);
            extra.forEach(b::header);
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> headers = new LinkedHashMap<>();
                r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
                JsonNode json = null;
                if (!r.body().isEmpty()) {
                    try {
                        json = Json.parse(r.body());
                    } catch (Exception notJson) {
                        json = null;
                    }
                }
                Resp resp = new Resp(r.statusCode(), headers, json, r.body());
                if (CHECK_CONTRACT) ContractResponses.check(method, path, resp);
                return resp;
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            }
        }
    }

    // ---- request bodies ("mothers") ------------------------------------------------------------------------------

    static ObjectNode money(long amount, String currency) {
        ObjectNode m = Json.object();
        m.put("amount", amount);
        m.put("currency", currency);
        return m;
    }

    static ObjectNode item(String sku, long quantity, long unitPrice, String currency) {
        ObjectNode i = Json.object();
        i.put("sku", sku);
        i.put("quantity", quantity);
        i.set("unit_price", money(unitPrice, currency));
        return i;
    }

    static ObjectNode address(String country) {
        ObjectNode a = Json.object();
        a.put("name", "Sam Tester");
        a.put("line1", "2 Test Road");
        a.put("city", "Leeds");
        a.put("postal_code", "LS1 1AA");
        a.put("country", country);
        return a;
    }

    /** An order of one line (2 x 2495 GBP) for the customer, with addresses. */
    static ObjectNode order(String customerId) {
        ObjectNode o = Json.object();
        o.put("customer_id", customerId);
        o.put("channel", "web-uk");
        o.put("currency", "GBP");
        ArrayNode items = o.putArray("items");
        items.add(item("SKU-1", 2, 2495, "GBP"));
        o.set("shipping_address", address("GB"));
        o.set("billing_address", address("GB"));
        return o;
    }

    /** Polls until the condition holds (the asynchronous platform: streams, EventBridge, sagas), or fails after 30 s. */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Creates a sandbox payment of the tenant in the given state and returns its id. */
    static String payment(Client client, long amount, String currency, String state) {
        Resp r = client.post("/local/sandbox/payments", Map.of("amount", amount, "currency", currency, "state", state));
        if (r.status() != 201) throw new IllegalStateException("sandbox payment: " + r);
        return r.json().path("payment_id").asText();
    }

    /** An order body with a payment of its total (one line 2 x 2495 GBP, no tax, no shipping) in the given state. */
    static ObjectNode paidOrder(Client client, String customerId, String paymentState) {
        ObjectNode o = order(customerId);
        ArrayNode pays = o.putArray("payments");
        ObjectNode p = pays.addObject();
        p.put("payment_id", payment(client, 4990, "GBP", paymentState));
        p.set("amount", money(4990, "GBP"));
        return o;
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------

    /**
     * A Standard Webhooks signature computed here, independently of the code under test:
     * {@code v1,base64(HMAC-SHA256(base64decode(secret without whsec_), "id.timestamp.body"))}.
     */
    static String sign(String secret, String id, long timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            byte[] key = java.util.Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "v1," + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An inbound webhook as a sender would post it: no token, the tenant in X-Tenant-ID, signed with the secret. */
    static Resp postback(String tenant, String source, String secret, String messageId, long timestamp, String body) {
        return anonymous().header("x-tenant-id", tenant).header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", sign(secret, messageId, timestamp, body))
                .post("/v1/orders/webhook/" + source, body);
    }

    static long now() { return java.time.Instant.now().getEpochSecond(); }

    static String create(Client client, ObjectNode body) {
        Resp r = client.post("/v1/orders", body);
        if (r.status() != 201) throw new IllegalStateException("create order: " + r);
        return r.json().path("id").asText();
    }
}
