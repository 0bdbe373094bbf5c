package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference implementation of the partner's side of the signed-HTTP connector contract
 * (docs/connectors/signed-http.openapi.yaml): verifies each Standard Webhooks signature (computed here, independently
 * of the OMS's code) and its timestamp, applies each {@code Idempotency-Key} once (a repeat answers the first answer, the
 * same key with another body is 422), keeps stock and reservations per SKU, screens orders, renders billing documents.
 */
final class SignedHttpPartner implements AutoCloseable {
    record Seen(String path, String messageId, String idempotencyKey, boolean signatureValid, boolean replayed) { }

    private record Stored(String body, int status, String answer) { }

    private record Fault(String path, int status, long delayMs, AtomicInteger times) { }

    final String secret;
    private final HttpServer server;
    final Map<String, Long> stock = new ConcurrentHashMap<>();
    final Map<String, Map<String, Long>> reservations = new ConcurrentHashMap<>();
    final List<String> documents = Collections.synchronizedList(new ArrayList<>());
    /** Fulfilments handed over (fulfilment providers), by fulfilment id; those marked shipped can no longer be stopped. */
    final Map<String, JsonNode> fulfilments = new ConcurrentHashMap<>();
    final java.util.Set<String> shipped = ConcurrentHashMap.newKeySet();
    final java.util.Set<String> stopped = ConcurrentHashMap.newKeySet();
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    SignedHttpPartner(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/oms"; }

    void fail(String path, int status, int times) { faults.add(new Fault(path, status, 0, new AtomicInteger(times))); }

    void slow(String path, long ms, int times) { faults.add(new Fault(path, 0, ms, new AtomicInteger(times))); }

    void clearFaults() { faults.clear(); }

    List<Seen> requests(String path) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.path.endsWith(path)).toList();
        }
    }

    @Override
    public void close() { server.stop(0); }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().replaceFirst("^/oms", "");
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = x.getRequestHeaders().getFirst("webhook-id");
        String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
        String key = x.getRequestHeaders().getFirst("idempotency-key");
        boolean valid = id != null && ts != null && validSignature(id, ts, body, x.getRequestHeaders().getFirst("webhook-signature"));
        if (!valid) {
            seen.add(new Seen(path, id, key, false, false));
            problem(x, 401, "signature.invalid", "The webhook-signature does not match");
            return;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > 300) {
            seen.add(new Seen(path, id, key, true, false));
            problem(x, 401, "timestamp.stale", "The webhook-timestamp is too far from now");
            return;
        }
        Fault fault = faults.stream().filter(f -> path.equals(f.path) && f.times.get() > 0).findFirst().orElse(null);
        if (fault != null) fault.times.decrementAndGet();
        if (fault != null && fault.delayMs == 0) {
            seen.add(new Seen(path, id, key, true, false));
            if (fault.status == 429) x.getResponseHeaders().set("Retry-After", "0");
            problem(x, fault.status, "partner.unavailable", "injected");
            return;
        }
        if (fault != null) sleep(fault.delayMs);
        if (key != null) {
            synchronized (idempotency) {
                Stored first = idempotency.get(key);
                if (first != null) {
                    seen.add(new Seen(path, id, key, true, true));
                    if (!first.body.equals(body)) problem(x, 422, "idempotency.key_reused", "This Idempotency-Key was used with another body");
                    else answer(x, first.status, first.answer);
                    return;
                }
                Result r = apply(path, Json.parse(body));
                if (r.status < 500) idempotency.put(key, new Stored(body, r.status, r.answer));
                seen.add(new Seen(path, id, key, true, false));
                answer(x, r.status, r.answer);
                return;
            }
        }
        seen.add(new Seen(path, id, null, true, false));
        Result r = apply(path, Json.parse(body));
        answer(x, r.status, r.answer);
    }

    private record Result(int status, String answer) { }

    private Result apply(String path, JsonNode in) {
        if (path.startsWith("/fulfillments/") && path.endsWith("/cancellations")) {
            String id = path.substring("/fulfillments/".length(), path.length() - "/cancellations".length());
            if (shipped.contains(id)) return new Result(409, "{\"code\":\"fulfillment.already_shipped\",\"detail\":\"" + id + " has left the warehouse\"}");
            stopped.add(id);
            fulfilments.remove(id);
            return new Result(200, "{\"cancelled\":true}");
        }
        switch (path) {
            case "/fulfillments" -> {
                fulfilments.put(in.path("fulfillment_id").asText(), in);
                return new Result(200, "{\"reference\":\"3pl-" + in.path("fulfillment_id").asText() + "\"}");
            }
            case "/inventory/availability" -> {
                ObjectNode out = Json.object();
                var unavailable = out.putArray("unavailable");
                for (JsonNode i : in.path("items")) {
                    if (stock.getOrDefault(i.path("sku").asText(), 0L) < i.path("quantity").asLong()) unavailable.add(i.path("sku").asText());
                }
                return new Result(200, Json.write(out));
            }
            case "/inventory/reservations" -> {
                Map<String, Long> held = reservations.computeIfAbsent(in.path("order_id").asText(), k -> new ConcurrentHashMap<>());
                for (JsonNode i : in.path("items")) {
                    String sku = i.path("sku").asText();
                    long q = i.path("quantity").asLong();
                    if (stock.getOrDefault(sku, 0L) < q) {
                        return new Result(409, "{\"code\":\"stock.short\",\"detail\":\"" + sku + " is short\"}");
                    }
                    stock.merge(sku, -q, Long::sum);
                    held.merge(sku, q, Long::sum);
                }
                return new Result(200, "{}");
            }
            case "/inventory/releases" -> {
                Map<String, Long> held = reservations.getOrDefault(in.path("order_id").asText(), new ConcurrentHashMap<>());
                ObjectNode out = Json.object();
                var released = out.putArray("released");
                List<String> skus = new ArrayList<>();
                if (in.path("items").isEmpty()) skus.addAll(held.keySet());
                else in.path("items").forEach(i -> skus.add(i.path("sku").asText()));
                for (String sku : skus) {
                    Long q = held.remove(sku);
                    if (q == null) continue;
                    stock.merge(sku, q, Long::sum);
                    released.addObject().put("sku", sku).put("quantity", q);
                }
                return new Result(200, Json.write(out));
            }
            case "/inventory/restocks" -> {
                for (JsonNode i : in.path("items")) stock.merge(i.path("sku").asText(), i.path("quantity").asLong(), Long::sum);
                return new Result(200, "{}");
            }
            case "/fraud/scores" -> {
                boolean blocked = in.path("customer_id").asText("").startsWith("fraud_");
                ObjectNode out = Json.object().put("decision", blocked ? "reject" : "approve").put("score", blocked ? 100 : 5);
                out.putArray("reasons").add(blocked ? "customer on the partner's block list" : "low risk");
                return new Result(200, Json.write(out));
            }
            case "/billing/documents" -> {
                documents.add(in.path("number").asText());
                String pdf = "%PDF-1.4\n% " + in.path("type").asText() + " " + in.path("number").asText() + " total " + in.path("total").asLong() + "\n%%EOF";
                ObjectNode out = Json.object().put("file_name", in.path("number").asText() + ".pdf").put("content_type", "application/pdf")
                        .put("content_base64", Base64.getEncoder().encodeToString(pdf.getBytes(StandardCharsets.UTF_8)));
                return new Result(200, Json.write(out));
            }
            default -> {
                return new Result(404, "{\"code\":\"route.not_found\",\"detail\":\"" + path + "\"}");
            }
        }
    }

    private boolean validSignature(String id, String ts, String body, String header) {
        if (header == null) return false;
        String expected = TestSystem.sign(secret, id, Long.parseLong(ts), body);
        for (String s : header.split(" ")) if (java.security.MessageDigest.isEqual(s.getBytes(), expected.getBytes())) return true;
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void problem(HttpExchange x, int status, String code, String detail) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] b = ("{\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        send(x, status, b);
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        send(x, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, byte[] b) throws IOException {
        x.getResponseHeaders().set("x-request-id", "partner-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        try {
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
        } catch (IOException gone) {
            // the OMS timed out
        }
        x.close();
    }
}
