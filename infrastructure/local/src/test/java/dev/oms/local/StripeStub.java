package dev.oms.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Stripe for tests, speaking Stripe's wire protocol as documented (https://docs.stripe.com/api): bearer API
 * key, form-encoded bodies, {@code Idempotency-Key} (a replay answers the first result with
 * {@code Idempotent-Replayed: true}; the same key with other parameters is a 400 {@code idempotency_error}),
 * {@code Request-Id} on every answer, error objects ({@code card_error}/{@code card_declined} 402,
 * {@code invalid_request_error} 400/404, {@code rate_limit_error} 429), and PaymentIntents with manual capture
 * ({@code amount_to_capture}, {@code final_capture}), cancel and Refunds. Faults can be injected per path.
 */
final class StripeStub implements AutoCloseable {
    record Seen(String method, String path, Map<String, String> form, String idempotencyKey, boolean replayed) { }

    private record Stored(String fingerprint, int status, String body) { }

    private record Fault(String pathPart, int status, String body, Map<String, String> headers, long delayMs, AtomicInteger times) { }

    final String apiKey;
    private final HttpServer server;
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    StripeStub(String apiKey) {
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** A PaymentIntent authorized for manual capture ({@code requires_capture}), as a confirmed checkout leaves it. */
    String authorizedIntent(long amount, String currency) {
        String id = "pi_" + next();
        ObjectNode pi = Json.object();
        pi.put("id", id);
        pi.put("object", "payment_intent");
        pi.put("amount", amount);
        pi.put("amount_capturable", amount);
        pi.put("amount_received", 0);
        pi.put("capture_method", "manual");
        pi.put("currency", currency.toLowerCase(java.util.Locale.ROOT));
        pi.put("status", "requires_capture");
        pi.put("livemode", false);
        pi.putNull("latest_charge");
        pi.putNull("last_payment_error");
        pi.put("amount_refunded_total", 0); // the stub's own counter, mirrored on the charge
        intents.put(id, pi);
        return id;
    }

    ObjectNode intent(String id) { return intents.get(id); }

    List<ObjectNode> refundsOf(String intentId) {
        return refunds.values().stream().filter(r -> intentId.equals(r.path("payment_intent").asText())).toList();
    }

    /** The next {@code times} requests whose path contains {@code pathPart} answer {@code status} with a Stripe error. */
    void fail(String pathPart, int status, String type, String code, String message, Map<String, String> headers, int times) {
        ObjectNode error = Json.object();
        ObjectNode e = error.putObject("error");
        e.put("type", type);
        if (code != null) e.put("code", code);
        e.put("message", message);
        if ("card_declined".equals(code)) e.put("decline_code", "generic_decline");
        faults.add(new Fault(pathPart, status, Json.write(error), headers, 0, new AtomicInteger(times)));
    }

    /** The next {@code times} requests on {@code pathPart} are carried out, then answered only after {@code ms}. */
    void delayAfterWork(String pathPart, long ms, int times) {
        faults.add(new Fault(pathPart, 0, null, Map.of(), ms, new AtomicInteger(times)));
    }

    void clearFaults() { faults.clear(); }

    List<Seen> requests(String method, String pathPart) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.method.equals(method) && s.path.contains(pathPart)).toList();
        }
    }

    @Override
    public void close() { server.stop(0); }

    private String next() { return String.format("%024d", ids.incrementAndGet()); }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = form("GET".equals(method) ? x.getRequestURI().getRawQuery() : body);
        String key = x.getRequestHeaders().getFirst("Idempotency-Key");
        if (!("Bearer " + apiKey).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            seen.add(new Seen(method, path, form, key, false));
            answer(x, 401, error("invalid_request_error", null, "Invalid API Key provided"), Map.of());
            return;
        }
        Fault fault = faults.stream().filter(f -> path.contains(f.pathPart) && f.times.get() > 0).findFirst().orElse(null);
        if (fault != null) fault.times.decrementAndGet();
        if (fault != null && fault.delayMs == 0) {
            seen.add(new Seen(method, path, form, key, false));
            answer(x, fault.status, fault.body, fault.headers);
            return;
        }
        String fingerprint = method + " " + path + " " + new java.util.TreeMap<>(form);
        if (key != null && "POST".equals(method)) {
            Stored first;
            synchronized (idempotency) {
                first = idempotency.get(key);
                if (first == null) {
                    Result r = route(method, path, form);
                    first = new Stored(fingerprint, r.status, r.body);
                    if (r.status != 400 || !r.body.contains("idempotency")) idempotency.put(key, first);
                    seen.add(new Seen(method, path, form, key, false));
                    respondAfter(fault);
                    answer(x, r.status, r.body, Map.of());
                    return;
                }
            }
            seen.add(new Seen(method, path, form, key, true));
            if (!first.fingerprint.equals(fingerprint)) {
                answer(x, 400, error("idempotency_error", null, "Keys for idempotent requests can only be used with the same parameters they were first used with."), Map.of());
            } else {
                answer(x, first.status, first.body, Map.of("Idempotent-Replayed", "true"));
            }
            return;
        }
        seen.add(new Seen(method, path, form, key, false));
        Result r = route(method, path, form);
        respondAfter(fault);
        answer(x, r.status, r.body, Map.of());
    }

    private static void respondAfter(Fault fault) {
        if (fault == null || fault.delayMs == 0) return;
        try {
            Thread.sleep(fault.delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Result(int status, String body) { }

    private Result route(String method, String path, Map<String, String> form) {
        String[] p = path.split("/");
        if (p.length >= 4 && p[2].equals("payment_intents")) {
            ObjectNode pi = intents.get(p[3]);
            if (pi == null) return new Result(404, error("invalid_request_error", "resource_missing", "No such payment_intent: '" + p[3] + "'"));
            synchronized (pi) {
                if (p.length == 4 && method.equals("GET")) return new Result(200, render(pi, form.containsValue("latest_charge")));
                if (p.length == 5 && p[4].equals("capture")) return capture(pi, form);
                if (p.length == 5 && p[4].equals("cancel")) return cancel(pi);
            }
        }
        if (path.equals("/v1/refunds") && method.equals("POST")) return refund(form);
        return new Result(404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ")"));
    }

    private Result capture(ObjectNode pi, Map<String, String> form) {
        if (!"requires_capture".equals(pi.path("status").asText())) {
            return new Result(400, error("invalid_request_error", "payment_intent_unexpected_state",
                    "This PaymentIntent could not be captured because it has a status of " + pi.path("status").asText() + "."));
        }
        long capturable = pi.path("amount_capturable").asLong();
        long amount = form.containsKey("amount_to_capture") ? Long.parseLong(form.get("amount_to_capture")) : capturable;
        if (amount > capturable) {
            return new Result(400, error("invalid_request_error", "amount_too_large", "The amount to capture is greater than the amount capturable."));
        }
        pi.put("amount_received", pi.path("amount_received").asLong() + amount);
        String charge = "ch_" + next();
        pi.put("latest_charge", charge);
        boolean last = !"false".equals(form.get("final_capture"));
        pi.put("amount_capturable", last ? 0 : capturable - amount);
        if (last || capturable - amount == 0) pi.put("status", "succeeded");
        return new Result(200, render(pi, false));
    }

    private Result cancel(ObjectNode pi) {
        String status = pi.path("status").asText();
        if (!status.equals("requires_capture") && !status.startsWith("requires_")) {
            return new Result(400, error("invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + status + "."));
        }
        pi.put("status", "canceled");
        pi.put("amount_capturable", 0);
        pi.put("cancellation_reason", "requested_by_customer");
        return new Result(200, render(pi, false));
    }

    private Result refund(Map<String, String> form) {
        ObjectNode pi = intents.get(form.get("payment_intent"));
        if (pi == null) return new Result(404, error("invalid_request_error", "resource_missing", "No such payment_intent: '" + form.get("payment_intent") + "'"));
        synchronized (pi) {
            long refundable = pi.path("amount_received").asLong() - pi.path("amount_refunded_total").asLong();
            long amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : refundable;
            if (refundable <= 0) return new Result(400, error("invalid_request_error", "charge_already_refunded", "Charge has already been refunded."));
            if (amount > refundable) return new Result(400, error("invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + refundable + ")"));
            pi.put("amount_refunded_total", pi.path("amount_refunded_total").asLong() + amount);
            ObjectNode r = Json.object();
            r.put("id", "re_" + next());
            r.put("object", "refund");
            r.put("amount", amount);
            r.put("currency", pi.path("currency").asText());
            r.put("payment_intent", pi.path("id").asText());
            r.put("charge", pi.path("latest_charge").asText());
            r.put("status", "succeeded");
            refunds.put(r.path("id").asText(), r);
            return new Result(200, Json.write(r));
        }
    }

    private static String render(ObjectNode pi, boolean expandCharge) {
        ObjectNode out = pi.deepCopy();
        out.remove("amount_refunded_total");
        if (expandCharge && pi.hasNonNull("latest_charge")) {
            ObjectNode ch = out.putObject("latest_charge");
            ch.put("id", pi.path("latest_charge").asText());
            ch.put("object", "charge");
            ch.put("amount", pi.path("amount").asLong());
            ch.put("amount_captured", pi.path("amount_received").asLong());
            ch.put("amount_refunded", pi.path("amount_refunded_total").asLong());
            ch.put("currency", pi.path("currency").asText());
            ch.put("refunded", pi.path("amount_refunded_total").asLong() > 0 && pi.path("amount_refunded_total").asLong() == pi.path("amount_received").asLong());
        }
        return Json.write(out);
    }

    private static String error(String type, String code, String message) {
        ObjectNode o = Json.object();
        ObjectNode e = o.putObject("error");
        e.put("type", type);
        if (code != null) e.put("code", code);
        e.put("message", message);
        return Json.write(o);
    }

    private void answer(HttpExchange x, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Request-Id", "req_" + next());
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        try {
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the client timed out; the work is done, as at Stripe
        }
        x.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return out;
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
