package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.app.security.RolePermissions;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.money.Money;
import dev.oms.platform.Platform;
import dev.oms.platform.auth.TokenService;
import dev.oms.platform.connectors.SandboxFaults;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Development-only endpoints under {@code /local/} (not in template.yaml): mint tokens, create sandbox payments,
 * and switch connector faults on and off.
 */
final class LocalEndpoints {
    private static final Set<String> PAYMENT_STATES = Set.of("authorized", "pending", "declined", "captured");
    private final TokenService tokens;
    private final LocalCloud cloud;
    private final LocalStepFunctions stepFunctions;
    /** Where each AWS service listens (set by the runtime once all are up). */
    volatile java.util.function.Supplier<Map<String, String>> services;
    /** The SFTP server playing a file-drop 3PL: host, port, username, password reference, host key, files. */
    volatile java.util.function.Supplier<Map<String, String>> sftp;

    LocalEndpoints(TokenService tokens, LocalCloud cloud, LocalStepFunctions stepFunctions) {
        this.tokens = tokens;
        this.cloud = cloud;
        this.stepFunctions = stepFunctions;
    }

    LocalApiGateway.Exchange handle(String method, String path, Map<String, String> headers, String body) {
        try {
            java.util.regex.Matcher carrier = CARRIER_EVENTS.matcher(path);
            if (method.equals("POST") && carrier.matches()) return carrierEvent(headers, carrier.group(1), parse(body));
            java.util.regex.Matcher run = RUN_SCHEDULE.matcher(path);
            if (method.equals("POST") && run.matches()) {
                if (cloud.scheduler == null || !cloud.scheduler.runNow(run.group(1))) return problem(404, "schedule.not_found", "No schedule " + run.group(1));
                return new LocalApiGateway.Exchange(202, json(), Json.write(Json.object().put("schedule", run.group(1)).put("status", "running")));
            }
            return switch (method + " " + path) {
                case "GET /local", "GET /local/" -> {
                    ObjectNode idx = index();
                    if (services != null) {
                        ObjectNode svc = idx.putObject("services");
                        services.get().forEach(svc::put);
                    }
                    if (sftp != null && !sftp.get().isEmpty()) {
                        ObjectNode server = idx.putObject("sftp");
                        sftp.get().forEach(server::put);
                    }
                    yield ok(idx);
                }
                case "GET /local/notifications" -> new LocalApiGateway.Exchange(200, json(), cloud.notifications().toJson(200));
                case "DELETE /local/notifications" -> {
                    cloud.notifications().clear();
                    yield new LocalApiGateway.Exchange(204, Map.of(), "");
                }
                case "GET /local/console" -> ok(LocalConsole.snapshot(cloud, stepFunctions));
                case "GET /local/schedules" -> ok(schedules());
                case "POST /local/token" -> token(parse(body));
                case "POST /local/sandbox/payments" -> payment(headers, parse(body));
                case "POST /local/sandbox/catalog" -> catalog(headers, parse(body));
                case "POST /local/sandbox/promotions" -> promotions(headers, parse(body));
                case "GET /local/faults" -> ok(faults());
                case "POST /local/faults" -> fault(parse(body));
                case "DELETE /local/faults" -> {
                    SandboxFaults.clear();
                    yield new LocalApiGateway.Exchange(204, Map.of(), "");
                }
                default -> problem(404, "route.not_found", "No local endpoint " + method + " " + path);
            };
        } catch (IllegalArgumentException e) {
            return problem(400, "request.invalid", e.getMessage());
        } catch (dev.oms.domain.DomainException e) {
            int status = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNPROCESSABLE -> 422;
                case UNAVAILABLE -> 503;
                case FORBIDDEN -> 403;
                default -> 400;
            };
            return problem(status, e.code(), e.getMessage());
        }
    }

    private static final java.util.regex.Pattern RUN_SCHEDULE = java.util.regex.Pattern.compile("/local/schedules/([A-Za-z0-9._-]{1,128})/run");

    /** The template's schedules (EventBridge Scheduler and scheduled rules) as the local scheduler runs them. */
    private ObjectNode schedules() {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("data");
        if (cloud.scheduler != null) {
            for (var s : cloud.scheduler.schedules()) {
                ObjectNode x = a.addObject();
                x.put("name", s.name()).put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT)).put("expression", s.expression())
                        .put("target", s.targetId()).put("target_kind", s.targetKind()).put("enabled", s.enabled()).put("firings", s.firings());
                x.put("last_fired", s.lastFired() == null ? null : s.lastFired().toString());
                x.put("next_fire", s.nextFire() == null ? null : s.nextFire().toString());
                x.put("last_error", s.lastError());
            }
        }
        return o;
    }

    private static final java.util.regex.Pattern CARRIER_EVENTS = java.util.regex.Pattern.compile("/local/sandbox/carrier/([A-Za-z0-9-]{1,28})/events");

    /**
     * Plays the carrier: {@code {"status": "in_transit", "location": "Leeds", "description": "..."}} is added to the
     * sandbox parcel's tracking and, like a carrier's webhook, applied to the shipment it belongs to.
     */
    private LocalApiGateway.Exchange carrierEvent(Map<String, String> headers, String trackingNumber, JsonNode b) {
        Caller caller;
        try {
            String auth = headers.get("authorization");
            if (auth == null || !auth.startsWith("Bearer ")) throw new TokenService.InvalidToken("missing bearer token");
            caller = tokens.verify(auth.substring(7));
        } catch (TokenService.InvalidToken e) {
            return problem(401, "auth.invalid_token", "Sandbox parcels belong to a tenant: send a bearer token (" + e.getMessage() + ")");
        }
        Platform p = Platform.get();
        var added = p.sandboxCarrier.addEvent(caller.tenantId(), trackingNumber, required(b, "status"),
                b.hasNonNull("location") ? b.get("location").asText() : null, b.hasNonNull("description") ? b.get("description").asText() : null);
        ObjectNode o = Json.object();
        o.put("tracking_number", trackingNumber);
        o.put("event_id", added.report().id());
        o.put("status", added.report().status());
        if (added.parcel().orderId() != null) {
            var shipped = p.fulfillments.track(dev.oms.app.FulfillmentService.carrierContext(caller.tenantId(), "sandbox"),
                    added.parcel().orderId(), added.parcel().shipmentId(), List.of(added.report()), "carrier");
            o.put("order_id", shipped.order().id());
            o.put("shipment_id", shipped.shipment().id());
            o.put("shipment_status", shipped.shipment().status().wire());
        }
        return new LocalApiGateway.Exchange(201, json(), Json.write(o));
    }

    String mint(String sub, String tenant, List<String> roles, String customerId, long ttl) {
        Set<String> r = new LinkedHashSet<>(roles);
        // a local sign-in: auth_time = now, so the token can also re-authenticate for a sudo step-up (POST /v1/admin/sudo)
        return tokens.mint(new Caller(tenant, sub, TokenService.defaultKind(r), r, customerId, null), ttl, java.time.Instant.now());
    }

    private LocalApiGateway.Exchange token(JsonNode b) {
        String sub = required(b, "sub");
        String tenant = required(b, "tenant_id");
        List<String> roles = new ArrayList<>();
        if (!b.path("roles").isArray() || b.path("roles").isEmpty()) throw new IllegalArgumentException("roles must be a non-empty array");
        for (JsonNode r : b.path("roles")) {
            if (!RolePermissions.isRole(r.asText())) throw new IllegalArgumentException("Unknown role " + r.asText() + "; roles are " + RolePermissions.ROLES);
            roles.add(r.asText());
        }
        String customerId = b.hasNonNull("customer_id") ? b.get("customer_id").asText() : null;
        if (roles.equals(List.of("customer")) && customerId == null) throw new IllegalArgumentException("customer tokens need customer_id");
        long ttl = b.path("ttl_seconds").asLong(3600);
        if (ttl < 1 || ttl > 7 * 86400) throw new IllegalArgumentException("ttl_seconds must be between 1 and 604800");
        String token = mint(sub, tenant, roles, customerId, ttl);
        try {
            tokens.verify(token);
        } catch (TokenService.InvalidToken e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        ObjectNode o = Json.object();
        o.put("access_token", token);
        o.put("token_type", "Bearer");
        o.put("expires_in", ttl);
        return ok(o);
    }

    private LocalApiGateway.Exchange payment(Map<String, String> headers, JsonNode b) {
        String auth = headers.get("authorization");
        Caller caller;
        try {
            if (auth == null || !auth.startsWith("Bearer ")) throw new TokenService.InvalidToken("missing bearer token");
            caller = tokens.verify(auth.substring(7));
        } catch (TokenService.InvalidToken e) {
            return problem(401, "auth.invalid_token", "Sandbox payments belong to a tenant: send a bearer token (" + e.getMessage() + ")");
        }
        if (!b.path("amount").isIntegralNumber() || b.path("amount").asLong() < 0) throw new IllegalArgumentException("amount must be a non-negative integer of minor units");
        String currency = required(b, "currency");
        if (!Currencies.isKnown(currency)) throw new IllegalArgumentException("Unknown currency " + currency);
        String state = b.path("state").asText("authorized");
        if (!PAYMENT_STATES.contains(state)) throw new IllegalArgumentException("state must be one of " + PAYMENT_STATES);
        Money amount = Money.of(b.get("amount").asLong(), currency);
        String id = Platform.get().payments.create(caller.tenantId(), amount, state);
        ObjectNode o = Json.object();
        o.put("payment_id", id);
        o.put("status", state);
        o.putObject("amount").put("amount", amount.minor()).put("currency", currency);
        return new LocalApiGateway.Exchange(201, json(), Json.write(o));
    }

    /**
     * The sandbox cart's catalogue of the token's tenant (docs/connectors.md#the-sandbox-cart): {@code {"items": [{"sku",
     * "name", "unit_price": {"amount", "currency"}, "tax_rate_bps"?, "orderable"?}]}}; an item replaces the SKU's.
     */
    private LocalApiGateway.Exchange catalog(Map<String, String> headers, JsonNode b) {
        String auth = headers.get("authorization");
        Caller caller;
        try {
            if (auth == null || !auth.startsWith("Bearer ")) throw new TokenService.InvalidToken("missing bearer token");
            caller = tokens.verify(auth.substring(7));
        } catch (TokenService.InvalidToken e) {
            return problem(401, "auth.invalid_token", "The sandbox catalogue belongs to a tenant: send a bearer token (" + e.getMessage() + ")");
        }
        if (!b.path("items").isArray() || b.path("items").isEmpty() || b.path("items").size() > 500) throw new IllegalArgumentException("items must be an array of 1 to 500 items");
        Platform platform = Platform.get();
        var cart = new dev.oms.platform.connectors.SandboxCart(platform.table, platform.ids, platform.clock);
        for (JsonNode i : b.path("items")) {
            JsonNode price = i.path("unit_price");
            if (!price.path("amount").isIntegralNumber()) throw new IllegalArgumentException("unit_price.amount must be an integer of minor units");
            String currency = price.path("currency").asText("");
            if (!Currencies.isKnown(currency)) throw new IllegalArgumentException("Unknown currency " + currency);
            Integer tax = i.hasNonNull("tax_rate_bps") ? i.get("tax_rate_bps").asInt() : null;
            cart.putCatalogItem(caller.tenantId(), new dev.oms.platform.connectors.SandboxCart.CatalogItem(required(i, "sku"),
                    i.path("name").asText(null), Money.of(price.get("amount").asLong(), currency), tax, i.path("orderable").asBoolean(true)));
        }
        return new LocalApiGateway.Exchange(201, json(), Json.write(Json.object().put("items", b.path("items").size())));
    }

    /**
     * The sandbox promotions of the token's tenant (docs/connectors.md#sandbox-carts-and-promotions): {@code {"promotions":
     * [{"code", "type", "percent_bps"?, "amount_off"?, "minimum_spend"?, "starts_at"?, "expires_at"?,
     * "usage_limit_per_customer"?, "redemptions"?: {customer_id: n}}]}}; a promotion replaces the code's.
     */
    private LocalApiGateway.Exchange promotions(Map<String, String> headers, JsonNode b) {
        String auth = headers.get("authorization");
        Caller caller;
        try {
            if (auth == null || !auth.startsWith("Bearer ")) throw new TokenService.InvalidToken("missing bearer token");
            caller = tokens.verify(auth.substring(7));
        } catch (TokenService.InvalidToken e) {
            return problem(401, "auth.invalid_token", "Sandbox promotions belong to a tenant: send a bearer token (" + e.getMessage() + ")");
        }
        if (!b.path("promotions").isArray() || b.path("promotions").isEmpty() || b.path("promotions").size() > 100) throw new IllegalArgumentException("promotions must be an array of 1 to 100 promotions");
        var sandbox = new dev.oms.platform.connectors.SandboxPromotions(Platform.get().table);
        for (JsonNode p : b.path("promotions")) {
            if (!p.isObject()) throw new IllegalArgumentException("a promotion is an object");
            sandbox.put(caller.tenantId(), p);
        }
        return new LocalApiGateway.Exchange(201, json(), Json.write(Json.object().put("promotions", b.path("promotions").size())));
    }

    private LocalApiGateway.Exchange fault(JsonNode b) {
        String connector = required(b, "connector");
        if (!Set.of("payments", "inventory", "fraud", "carrier", "billing", "store_credit").contains(connector)) {
            throw new IllegalArgumentException("connector must be payments, inventory, fraud, carrier, billing or store_credit");
        }
        String operation = b.path("operation").asText("*");
        SandboxFaults.Mode mode;
        try {
            mode = SandboxFaults.parseMode(required(b, "mode"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be fail, timeout or decline");
        }
        int times = b.path("times").asInt(1);
        if (times < 1 || times > 1000) throw new IllegalArgumentException("times must be between 1 and 1000");
        SandboxFaults.inject(connector, operation, mode, times);
        return new LocalApiGateway.Exchange(201, json(), Json.write(faults()));
    }

    static ObjectNode faults() {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("data");
        for (SandboxFaults.Fault f : SandboxFaults.list()) {
            a.addObject().put("connector", f.connector()).put("operation", f.operation())
                    .put("mode", f.mode().name().toLowerCase(java.util.Locale.ROOT)).put("times", f.remaining());
        }
        return o;
    }

    private static ObjectNode index() {
        ObjectNode o = Json.object();
        o.put("description", "Local runtime endpoints (development only; not part of template.yaml)");
        ArrayNode a = o.putArray("endpoints");
        a.add("POST /local/token {sub, tenant_id, roles, customer_id?, ttl_seconds?}");
        a.add("POST /local/sandbox/payments {amount, currency, state?} with a bearer token");
        a.add("POST /local/sandbox/catalog {items: [{sku, name, unit_price: {amount, currency}, tax_rate_bps?, orderable?}]} with a bearer token (the sandbox cart's prices)");
        a.add("POST /local/sandbox/promotions {promotions: [{code, type, percent_bps?, amount_off?, minimum_spend?, starts_at?, expires_at?, usage_limit_per_customer?, redemptions?}]} with a bearer token");
        a.add("GET|POST|DELETE /local/faults {connector, operation, mode: fail|timeout|decline, times}");
        a.add("POST /local/sandbox/carrier/{trackingNumber}/events {status, location?, description?} with a bearer token");
        a.add("GET|DELETE /local/notifications (captured emails and SMS, newest first)");
        a.add("GET /local/console (recent events and their deliveries, queues and DLQs, executions, notifications, faults)");
        a.add("GET /local/schedules (the template's schedules, when they last fired and fire next); POST /local/schedules/{name}/run fires one now");
        return o;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = Json.parse(body == null ? "{}" : body);
            if (!n.isObject()) throw new IllegalArgumentException("The body must be a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
    }

    private static String required(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(field + " is required");
        return v.asText();
    }

    private static Map<String, String> json() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        return h;
    }

    private static LocalApiGateway.Exchange ok(JsonNode body) { return new LocalApiGateway.Exchange(200, json(), Json.write(body)); }

    private static LocalApiGateway.Exchange problem(int status, String code, String detail) {
        ObjectNode o = Json.object();
        o.put("type", "https://docs.oms.dev/problems/" + code.replace('.', '-'));
        o.put("title", status == 404 ? "Not Found" : status == 401 ? "Unauthorized" : "Bad Request");
        o.put("status", status);
        o.put("code", code);
        o.put("detail", detail);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/problem+json");
        return new LocalApiGateway.Exchange(status, h, Json.write(o));
    }
}
