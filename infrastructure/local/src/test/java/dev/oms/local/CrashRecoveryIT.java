package dev.oms.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost on a crash: the local runtime runs as a separate process on a data directory, is
 * killed ({@code kill -9}, {@link Process#destroyForcibly()}) while cancellations, fulfil-order and return-order sagas,
 * order creations and an import run, and is started again on the same directory. Then every acknowledged order exists
 * once, every saga in flight finishes, no import row is imported twice, and every webhook delivery arrives.
 *
 * <p>Black box: it speaks HTTP to the runtime only (the runtime's jar, or this JVM's class path when the jar is not
 * built), as a user would.
 */
class CrashRecoveryIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TENANT = "crash";
    private static final int CANCELLATIONS = 6, FULFILMENTS = 3, RETURNS = 3, CREATES = 6, IMPORT_ROWS = 300;

    private Process runtime;
    private HttpServer receiver;
    private String base;

    @AfterEach
    void stop() {
        if (runtime != null) runtime.destroyForcibly();
        if (receiver != null) receiver.stop(0);
    }

    @Test
    void aRuntimeKilledInTheMiddleOfSagasAndAnImportLosesNothingAndDoesNothingTwice() throws Exception {
        long started = System.nanoTime();
        Path data = Files.createTempDirectory("oms-crash");
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        runtime = start(data, port, "first.log");

        // webhooks go to a receiver in this JVM, which outlives the runtime
        Map<String, String> webhooks = new ConcurrentHashMap<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhooks.put(ex.getRequestHeaders().getFirst("webhook-id"), body);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();

        String admin = token("crash-admin", "admin");
        String warehouse = token("crash-wh", "warehouse_supervisor");
        assertThat(call(admin, "POST", "/v1/orders/webhooks", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                "events", List.of("order.cancelled"))).status()).isEqualTo(201);

        // ---- before the crash: orders to cancel, to fulfil by saga, and shipped orders to return ----
        List<String> toCancel = new ArrayList<>();
        for (int i = 0; i < CANCELLATIONS; i++) toCancel.add(confirmedOrder(admin, "cancel-" + i, 1));
        Map<String, String> toFulfil = new LinkedHashMap<>(); // order -> line
        for (int i = 0; i < FULFILMENTS; i++) {
            String id = confirmedOrder(admin, "fulfil-" + i, 1);
            toFulfil.put(id, call(admin, "GET", "/v1/orders/" + id, null).json().path("lines").get(0).path("id").asText());
        }
        Map<String, String> toReturn = new LinkedHashMap<>();
        for (int i = 0; i < RETURNS; i++) {
            String id = confirmedOrder(admin, "return-" + i, 1);
            String line = call(admin, "GET", "/v1/orders/" + id, null).json().path("lines").get(0).path("id").asText();
            Resp f = call(warehouse, "POST", "/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh_1",
                    "lines", List.of(Map.of("line_id", line, "quantity", 1))));
            assertThat(f.status()).as(f.toString()).isEqualTo(201);
            Resp shipped = call(warehouse, "POST", "/v1/orders/" + id + "/fulfillments/" + f.json().path("id").asText() + "/ship", Map.of());
            assertThat(shipped.status()).as(shipped.toString()).isIn(200, 201);
            toReturn.put(id, line);
        }
        Resp importJob = call(admin, "POST", "/v1/orders/imports", Map.of("format", "ndjson"));
        assertThat(importJob.status()).as(importJob.toString()).isEqualTo(202);
        String jobId = importJob.json().path("id").asText();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < IMPORT_ROWS; i++) rows.append(Json.write(Json.valueToTree(orderBody("imp-" + i, 1)))).append('\n');

        // ---- the crash: everything at once, then kill -9 while it runs ----
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Resp>> cancels = new ArrayList<>(), fulfils = new ArrayList<>(), returns = new ArrayList<>(), creates = new ArrayList<>();
        Future<Integer> upload = pool.submit(() -> put(importJob.json().path("upload_url").asText(), rows.toString()));
        for (String id : toCancel) cancels.add(pool.submit(() -> call(admin, "POST", "/v1/orders/" + id + "/cancel",
                Map.of("reason", "Changed my mind", "refund", true, "restock", true))));
        toFulfil.forEach((id, line) -> fulfils.add(pool.submit(() -> call(admin, "POST", "/v1/orders/" + id + "/fulfillments",
                Map.of("warehouse_id", "wh-saga", "mode", "saga", "lines", List.of(Map.of("line_id", line, "quantity", 1)))))));
        toReturn.forEach((id, line) -> returns.add(pool.submit(() -> call(admin, "POST", "/v1/orders/" + id + "/returns",
                Map.of("lines", List.of(Map.of("line_id", line, "quantity", 1, "reason_code", "too_small")), "return_method", "ship")))));
        for (int i = 0; i < CREATES; i++) {
            String customer = "new-" + i;
            creates.add(pool.submit(() -> call(admin, "POST", "/v1/orders", orderBody(customer, 1), Map.of("Idempotency-Key", "create-" + customer))));
        }
        assertThat(upload.get()).isEqualTo(200);
        Map<String, String> fulfilmentIds = new LinkedHashMap<>(), returnIds = new LinkedHashMap<>();
        List<String> created = new ArrayList<>();
        for (Future<Resp> c : cancels) assertThat(c.get().status()).as(c.get().toString()).isEqualTo(202);
        int i = 0;
        for (String id : toFulfil.keySet()) {
            Resp r = fulfils.get(i++).get();
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            fulfilmentIds.put(id, r.json().path("fulfillment_id").asText());
        }
        i = 0;
        for (String id : toReturn.keySet()) {
            Resp r = returns.get(i++).get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            returnIds.put(id, r.json().path("return_id").asText());
        }
        for (Future<Resp> c : creates) {
            assertThat(c.get().status()).as(c.get().toString()).isEqualTo(201);
            created.add(c.get().json().path("id").asText());
        }
        pool.shutdown();
        eventually("the import to start", Duration.ofSeconds(20), () -> !"queued".equals(job(admin, jobId).path("status").asText()));
        JsonNode before = job(admin, jobId);
        runtime.destroyForcibly().waitFor();
        long crashedAt = System.nanoTime();
        System.out.printf("killed the runtime %.1f s into the test; import %s at %s of %d rows%n", (crashedAt - started) / 1e9,
                before.path("status").asText(), before.path("counts").path("processed").asText(), IMPORT_ROWS);

        // ---- the restart on the same data directory ----
        runtime = start(data, port, "second.log");
        Duration patience = Duration.ofSeconds(60);
        for (String id : toCancel) {
            eventually("order " + id + " cancelled", patience, () -> "cancelled".equals(call(admin, "GET", "/v1/orders/" + id, null).json().path("status").asText()));
        }
        eventually("the import to finish", patience, () -> job(admin, jobId).path("status").asText().matches("succeeded|partially_succeeded|failed"));
        JsonNode done = job(admin, jobId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        // a row the killed run had committed is reported by the next run as already imported (skipped), never created twice
        assertThat(done.path("counts").path("failed").asInt()).as(done.toString()).isZero();
        assertThat(done.path("counts").path("succeeded").asInt() + done.path("counts").path("skipped").asInt()).as(done.toString()).isEqualTo(IMPORT_ROWS);

        // the fulfil-order sagas created their fulfilments and wait for the shipment: ship, and they finish
        for (var e : fulfilmentIds.entrySet()) {
            String path = "/v1/orders/" + e.getKey() + "/fulfillments/" + e.getValue();
            eventually("fulfilment " + e.getValue() + " awaiting its shipment", patience,
                    () -> timeline(admin, e.getKey()).contains("fulfillment.updated[\"awaiting_shipment\"]"));
            Resp shipped = call(warehouse, "POST", path + "/ship", Map.of("tracking_numbers", List.of("CRASH-" + e.getKey().substring(4, 12))));
            assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        }
        for (var e : fulfilmentIds.entrySet()) {
            eventually("the fulfil-order saga of " + e.getValue() + " to tell the customer", patience,
                    () -> timeline(admin, e.getKey()).contains("fulfillment.updated[\"customer_notified\"]"));
        }
        // the return-order sagas wait for the goods: receive, inspect, and they refund and close
        for (var e : returnIds.entrySet()) {
            String line = toReturn.get(e.getKey());
            eventually("return " + e.getValue() + " waiting for its receipt", patience,
                    () -> "receipt".equals(call(admin, "GET", "/v1/orders/" + e.getKey() + "/returns/" + e.getValue(), null).json().path("awaiting").asText()));
            assertThat(call(warehouse, "POST", "/v1/orders/returns/" + e.getValue() + "/receive", Map.of("lines", List.of(Map.of("line_id", line,
                    "quantity", 1, "condition", "new")))).status()).isEqualTo(200);
            eventually("return " + e.getValue() + " waiting for its inspection", patience,
                    () -> "inspection".equals(call(admin, "GET", "/v1/orders/" + e.getKey() + "/returns/" + e.getValue(), null).json().path("awaiting").asText()));
            assertThat(call(warehouse, "POST", "/v1/orders/returns/" + e.getValue() + "/inspect", Map.of("lines", List.of(Map.of("line_id", line,
                    "decision", "approve")))).status()).isEqualTo(200);
        }
        for (var e : returnIds.entrySet()) {
            eventually("return " + e.getValue() + " closed", patience,
                    () -> "closed".equals(call(admin, "GET", "/v1/orders/" + e.getKey() + "/returns/" + e.getValue(), null).json().path("status").asText()));
        }

        // every acknowledged order exists, and once: one order per customer
        Map<String, Integer> perCustomer = new HashMap<>();
        String cursor = null;
        do {
            Resp page = call(admin, "GET", "/v1/orders?limit=200&fields=id,customer_id" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(o -> perCustomer.merge(o.path("customer_id").asText(), 1, Integer::sum));
            cursor = page.json().path("has_more").asBoolean() ? page.json().path("next_cursor").asText() : null;
        } while (cursor != null);
        assertThat(perCustomer.values()).as("orders per customer").allMatch(n -> n == 1);
        for (int r = 0; r < IMPORT_ROWS; r++) assertThat(perCustomer).containsKey("imp-" + r);
        for (String id : created) assertThat(call(admin, "GET", "/v1/orders/" + id, null).status()).isEqualTo(200);
        for (int c = 0; c < CREATES; c++) assertThat(perCustomer).containsKey("new-" + c);

        // every cancellation's webhook arrived (at least once; a receiver de-duplicates on webhook-id)
        eventually("a webhook for every cancellation", patience, () -> {
            Set<String> orders = new java.util.HashSet<>();
            webhooks.values().forEach(b -> orders.add(parse(b).path("order_id").asText()));
            return orders.containsAll(toCancel);
        });
        System.out.printf("recovered in %.1f s after the kill; the test took %.1f s%n", (System.nanoTime() - crashedAt) / 1e9,
                (System.nanoTime() - started) / 1e9);
    }

    // ---- the runtime as a process ----

    private Process start(Path data, int port, String log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "oms-local.jar");
        List<String> cmd = new ArrayList<>(List.of(java, "-Doms.sfn.delayScale=0", "-XX:TieredStopAtLevel=1"));
        if (Files.exists(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName()));
        }
        // --no-search: this test does not search, and a second OpenSearch node would only slow both starts
        cmd.addAll(List.of("--data-dir", data.toString(), "--port", Integer.toString(port), "--no-demo", "--no-search",
                "--template", System.getProperty("oms.template", "../../template.yaml")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + "-" + log).toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IllegalStateException("the runtime exited with " + p.exitValue() + "; see " + data.resolveSibling(data.getFileName() + "-" + log));
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/local")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return p;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the runtime did not start within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- HTTP ----

    record Resp(int status, JsonNode json, String text) { }

    private String token(String sub, String role) {
        Resp r = call(null, "POST", "/local/token", Map.of("sub", sub, "tenant_id", TENANT, "roles", List.of(role), "ttl_seconds", 7200));
        return r.json().path("access_token").asText();
    }

    private Resp call(String token, String method, String path, Object body) { return call(token, method, path, body, Map.of()); }

    private Resp call(String token, String method, String path, Object body, Map<String, String> headers) {
        String text = body == null ? null : Json.write(Json.valueToTree(body));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) b.header("content-type", "application/json");
        if (token != null) b.header("authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : parse(r.body());
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            ContractResponses.check(method, path, new TestSystem.Resp(r.statusCode(), h, json, r.body()));
            return new Resp(r.statusCode(), json, r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private static int put(String url, String content) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/x-ndjson").PUT(HttpRequest.BodyPublishers.ofString(content)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ---- the shop ----

    private static Map<String, Object> orderBody(String customer, long quantity) {
        Map<String, Object> address = Map.of("name", "Sam Tester", "line1", "2 Test Road", "city", "Leeds", "postal_code", "LS1 1AA",
                "country", "GB", "email", customer + "@example.com");
        return Map.of("customer_id", customer, "channel", "web-uk", "currency", "GBP",
                "items", List.of(Map.of("sku", "SKU-CRASH", "quantity", quantity, "unit_price", Map.of("amount", 1000, "currency", "GBP"))),
                "shipping_address", address, "billing_address", address);
    }

    /** A confirmed order paid by a captured sandbox payment. */
    private String confirmedOrder(String token, String customer, long quantity) {
        Resp pay = call(token, "POST", "/local/sandbox/payments", Map.of("amount", 1000 * quantity, "currency", "GBP", "state", "captured"));
        Map<String, Object> body = new HashMap<>(orderBody(customer, quantity));
        body.put("payments", List.of(Map.of("payment_id", pay.json().path("payment_id").asText(), "amount", Map.of("amount", 1000 * quantity, "currency", "GBP"))));
        Resp created = call(token, "POST", "/v1/orders", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        Resp confirmed = call(token, "POST", "/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return id;
    }

    private JsonNode job(String token, String jobId) { return call(token, "GET", "/v1/orders/imports/" + jobId, null).json(); }

    private List<String> timeline(String token, String orderId) {
        List<String> out = new ArrayList<>();
        call(token, "GET", "/v1/orders/" + orderId + "/timeline?limit=200", null).json().path("data").forEach(e -> out.add(e.path("type").asText()
                + (e.path("data").has("fields") ? e.path("data").path("fields").toString() : "")));
        return out;
    }

    private static void eventually(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception notJson) {
            return null;
        }
    }
}
