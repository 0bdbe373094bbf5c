package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * A local EasyPost for tests, over HTTPS, speaking its v2 JSON API as documented (https://docs.easypost.com/docs): the API key as
 * bearer or basic user, {@code {"shipment": {...}}} bodies, shipments with rates, {@code /buy} with a rate id (a
 * shipment bought twice is a 422 {@code SHIPMENT.POSTAGE.EXISTS}, as EasyPost answers), postage labels, trackers, error
 * objects ({@code {"error": {"code", "message", "errors"}}}) and {@code x-ep-request-uuid}, strict address verification
 * ({@code verify_strict}: the postal code 00000 fails), label refunds, pickups (created with rates, then bought) and
 * scan forms (a shipment on a form cannot be added to another). Counts every label and pickup bought and refunded.
 */
final class EasyPostStub implements AutoCloseable {
    private record Fault(String pathPart, int status, String code, long delayMs, AtomicInteger times) { }

    final String apiKey;
    private final HttpServer server;
    final Map<String, ObjectNode> shipments = new ConcurrentHashMap<>();
    final List<String> purchases = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ObjectNode> pickups = new ConcurrentHashMap<>();
    final List<String> pickupsBought = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ObjectNode> scanForms = new ConcurrentHashMap<>();
    /** Shipments whose label refund was asked for. */
    final List<String> refunds = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    EasyPostStub(String apiKey) {
        this.apiKey = apiKey;
        try {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(LocalTls.serverContext()));
            server = https;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** HTTPS: EasyPost's client speaks nothing else ({@link LocalTls}). */
    String url() { return "https://127.0.0.1:" + server.getAddress().getPort(); }

    void fail(String pathPart, int status, String code, int times) { faults.add(new Fault(pathPart, status, code, 0, new AtomicInteger(times))); }

    /** The next {@code times} requests on {@code pathPart} are carried out, then answered only after {@code ms}. */
    void delayAfterWork(String pathPart, long ms, int times) { faults.add(new Fault(pathPart, 0, null, ms, new AtomicInteger(times))); }

    void clearFaults() { faults.clear(); }

    @Override
    public void close() { server.stop(0); }

    private String next() { return String.format("%020d", ids.incrementAndGet()); }

    private boolean authorized(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Authorization");
        if (h == null) return false;
        if (h.equals("Bearer " + apiKey)) return true;
        return h.equals("Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8)));
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        if (path.startsWith("/files/")) {
            answer(x, 200, "application/pdf", ("%PDF-1.4 label " + path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!authorized(x)) {
            answerJson(x, 401, error("APIKEY.INACTIVE", "This api key is no longer active."));
            return;
        }
        Fault fault = faults.stream().filter(f -> path.contains(f.pathPart) && f.times.get() > 0).findFirst().orElse(null);
        if (fault != null) fault.times.decrementAndGet();
        if (fault != null && fault.delayMs == 0) {
            answerJson(x, fault.status, error(fault.code, "injected"));
            return;
        }
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode in = body.isEmpty() ? Json.object() : parse(body);
        int status;
        String out;
        String[] p = path.split("/");
        if (method.equals("POST") && path.equals("/v2/shipments")) {
            JsonNode given = in.has("shipment") ? in.get("shipment") : in;
            String unverified = unverifiable(given.path("to_address")) ? "to_address" : unverifiable(given.path("from_address")) ? "from_address" : null;
            if (unverified != null) {
                status = 422;
                out = "{\"error\":{\"code\":\"ADDRESS.VERIFY.FAILURE\",\"message\":\"Unable to verify address.\",\"errors\":["
                        + "{\"field\":\"" + unverified + ".zip\",\"message\":\"Invalid zip code\"}]}}";
            } else {
                ObjectNode s = createShipment(given);
                status = 201;
                out = Json.write(s);
            }
        } else if (method.equals("POST") && p.length == 5 && p[2].equals("shipments") && p[4].equals("refund")) {
            ObjectNode s = shipments.get(p[3]);
            if (s == null || !s.hasNonNull("tracking_code")) {
                status = s == null ? 404 : 422;
                out = error(s == null ? "SHIPMENT.NOT_FOUND" : "SHIPMENT.REFUND.UNAVAILABLE", "The shipment has no label to refund.");
            } else {
                s.put("refund_status", "submitted");
                refunds.add(p[3]);
                status = 200;
                out = Json.write(s);
            }
        } else if (method.equals("GET") && p.length == 4 && p[2].equals("shipments")) {
            ObjectNode s = shipments.get(p[3]);
            status = s == null ? 404 : 200;
            out = s == null ? error("SHIPMENT.NOT_FOUND", "The requested resource could not be found.") : Json.write(s);
        } else if (method.equals("POST") && p.length == 5 && p[2].equals("shipments") && p[4].equals("buy")) {
            ObjectNode s = shipments.get(p[3]);
            if (s == null) {
                status = 404;
                out = error("SHIPMENT.NOT_FOUND", "The requested resource could not be found.");
            } else {
                synchronized (s) {
                    if (s.hasNonNull("tracking_code")) {
                        status = 422;
                        out = error("SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.");
                    } else {
                        status = 200;
                        out = Json.write(buy(s, in.path("rate").path("id").asText()));
                    }
                }
            }
        } else if (method.equals("POST") && path.equals("/v2/pickups")) {
            JsonNode given = in.has("pickup") ? in.get("pickup") : in;
            String shipment = given.path("shipment").path("id").asText();
            if (!shipments.containsKey(shipment)) {
                status = 422;
                out = error("PICKUP.INVALID", "The shipment of the pickup is unknown.");
            } else {
                ObjectNode pu = Json.object();
                String id = "pickup_" + next();
                pu.put("id", id).put("object", "Pickup").put("status", "unknown").put("reference", given.path("reference").asText(null));
                pu.put("min_datetime", given.path("min_datetime").asText()).put("max_datetime", given.path("max_datetime").asText());
                pu.put("instructions", given.path("instructions").asText(null));
                pu.putNull("confirmation");
                ArrayNode rates = pu.putArray("pickup_rates");
                rates.addObject().put("id", "pickuprate_" + next()).put("object", "PickupRate").put("carrier", "USPS").put("service", "NextDay")
                        .put("rate", "0.00").put("currency", "USD").put("pickup_id", id);
                rates.addObject().put("id", "pickuprate_" + next()).put("object", "PickupRate").put("carrier", "UPS").put("service", "Same-day Pickup")
                        .put("rate", "7.50").put("currency", "USD").put("pickup_id", id);
                pickups.put(id, pu);
                status = 201;
                out = Json.write(pu);
            }
        } else if (method.equals("GET") && p.length == 4 && p[2].equals("pickups")) {
            ObjectNode pu = pickups.get(p[3]);
            status = pu == null ? 404 : 200;
            out = pu == null ? error("PICKUP.NOT_FOUND", "The requested resource could not be found.") : Json.write(pu);
        } else if (method.equals("POST") && p.length == 5 && p[2].equals("pickups") && p[4].equals("buy")) {
            ObjectNode pu = pickups.get(p[3]);
            if (pu == null || pu.hasNonNull("confirmation")) {
                status = pu == null ? 404 : 422;
                out = error(pu == null ? "PICKUP.NOT_FOUND" : "PICKUP.ALREADY_SCHEDULED", "The pickup cannot be bought.");
            } else {
                pu.put("status", "scheduled").put("confirmation", "WTC" + next().substring(12));
                pu.put("carrier", in.path("carrier").asText()).put("service", in.path("service").asText());
                pickupsBought.add(p[3]);
                status = 200;
                out = Json.write(pu);
            }
        } else if (method.equals("POST") && path.equals("/v2/scan_forms")) {
            ArrayNode codes = Json.array();
            String taken = null;
            for (JsonNode sh : in.path("shipments")) {
                ObjectNode shipment = shipments.get(sh.path("id").asText());
                if (shipment == null || !shipment.hasNonNull("tracking_code")) taken = sh.path("id").asText();
                else if (shipment.path("on_scan_form").asBoolean()) taken = sh.path("id").asText();
                else codes.add(shipment.path("tracking_code").asText());
            }
            if (taken != null || codes.isEmpty()) {
                status = 422;
                out = error("SCAN_FORM.INVALID", "Shipment " + taken + " cannot be added to a scan form.");
            } else {
                for (JsonNode sh : in.path("shipments")) shipments.get(sh.path("id").asText()).put("on_scan_form", true);
                ObjectNode form = Json.object();
                String id = "sf_" + next();
                form.put("id", id).put("object", "ScanForm").put("status", "created");
                form.set("tracking_codes", codes);
                form.put("form_url", url() + "/files/scan_form/" + id + ".pdf").put("form_file_type", "pdf");
                scanForms.put(id, form);
                status = 201;
                out = Json.write(form);
            }
        } else if (method.equals("GET") && p.length == 4 && p[2].equals("scan_forms")) {
            ObjectNode form = scanForms.get(p[3]);
            status = form == null ? 404 : 200;
            out = form == null ? error("SCAN_FORM.NOT_FOUND", "The requested resource could not be found.") : Json.write(form);
        } else if (method.equals("POST") && path.equals("/v2/trackers")) {
            JsonNode t = in.has("tracker") ? in.get("tracker") : in;
            status = 201;
            out = Json.write(tracker(t.path("tracking_code").asText()));
        } else {
            status = 404;
            out = error("NOT_FOUND", "The requested resource could not be found.");
        }
        if (fault != null && fault.delayMs > 0) {
            try {
                Thread.sleep(fault.delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answerJson(x, status, out);
    }

    /** EasyPost's strict verification (asked with {@code verify_strict}) fails, here, for the postal code 00000. */
    private static boolean unverifiable(JsonNode address) {
        return address.path("verify_strict").asBoolean(false) && "00000".equals(address.path("zip").asText());
    }

    private ObjectNode createShipment(JsonNode in) {
        String id = "shp_" + next();
        ObjectNode s = Json.object();
        s.put("id", id);
        s.put("object", "Shipment");
        s.put("mode", "test");
        s.put("reference", in.path("reference").asText(null));
        s.put("is_return", in.path("is_return").asBoolean(false));
        s.set("to_address", in.path("to_address"));
        s.set("from_address", in.path("from_address"));
        s.set("parcel", in.path("parcel"));
        s.set("options", in.path("options"));
        ArrayNode rates = s.putArray("rates");
        rates.add(rate(id, "USPS", "Priority", "7.58"));
        rates.add(rate(id, "USPS", "Express", "26.40"));
        rates.add(rate(id, "UPS", "Ground", "9.12"));
        s.putNull("tracking_code");
        s.putNull("postage_label");
        s.putNull("selected_rate");
        shipments.put(id, s);
        return s;
    }

    private ObjectNode rate(String shipment, String carrier, String service, String amount) {
        ObjectNode r = Json.object();
        r.put("id", "rate_" + next());
        r.put("object", "Rate");
        r.put("carrier", carrier);
        r.put("service", service);
        r.put("rate", amount);
        r.put("currency", "USD");
        r.put("shipment_id", shipment);
        return r;
    }

    private ObjectNode buy(ObjectNode s, String rateId) {
        JsonNode rate = null;
        for (JsonNode r : s.path("rates")) if (r.path("id").asText().equals(rateId)) rate = r;
        if (rate == null) throw new IllegalStateException("unknown rate " + rateId);
        String tracking = "EZ" + next().substring(8);
        s.put("tracking_code", tracking);
        s.set("selected_rate", rate);
        ObjectNode label = s.putObject("postage_label");
        label.put("id", "pl_" + next());
        label.put("object", "PostageLabel");
        String format = s.path("options").path("label_format").asText("PDF");
        label.put("label_file_type", format.equals("PDF") ? "application/pdf" : format.equals("ZPL") ? "application/zpl" : "image/png");
        label.put("label_url", url() + "/files/postage_label/" + s.path("id").asText() + "." + format.toLowerCase(java.util.Locale.ROOT));
        purchases.add(s.path("id").asText());
        return s;
    }

    private ObjectNode tracker(String code) {
        ObjectNode t = Json.object();
        t.put("id", "trk_" + next());
        t.put("object", "Tracker");
        t.put("tracking_code", code);
        t.put("status", "in_transit");
        ArrayNode details = t.putArray("tracking_details");
        details.addObject().put("object", "TrackingDetail").put("status", "pre_transit").put("message", "Pre-Shipment information sent")
                .put("datetime", "2026-12-01T10:00:00Z");
        ObjectNode d = details.addObject().put("object", "TrackingDetail").put("status", "in_transit").put("message", "Arrived at facility")
                .put("datetime", "2026-12-02T08:30:00Z");
        d.putObject("tracking_location").put("object", "TrackingLocation").put("city", "LEEDS").put("country", "GB");
        return t;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            return Json.object();
        }
    }

    private static String error(String code, String message) {
        ObjectNode o = Json.object();
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.putArray("errors");
        return Json.write(o);
    }

    private void answerJson(HttpExchange x, int status, String body) throws IOException {
        answer(x, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(HttpExchange x, int status, String contentType, byte[] bytes) throws IOException {
        x.getResponseHeaders().set("Content-Type", contentType);
        x.getResponseHeaders().set("x-ep-request-uuid", "ep-" + next());
        try {
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the client timed out; the work is done, as at EasyPost
        }
        x.close();
    }
}
