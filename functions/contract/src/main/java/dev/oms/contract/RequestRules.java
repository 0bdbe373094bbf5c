package dev.oms.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the contract says one route accepts: its query parameters and its body. The build writes one small file per
 * route ({@code openapi/requests/<route key>.json}, references inlined), so a function reads only the rules of the
 * routes it serves, once, on their first request.
 */
public final class RequestRules {
    public static final String RESOURCE_DIR = "openapi/requests/";
    private static final Map<String, Optional<RequestRules>> LOADED = new ConcurrentHashMap<>();
    private static final SchemaValidator VALIDATOR = SchemaValidator.forRequests();

    private final Map<String, JsonNode> query;
    private final List<String> requiredQuery;
    private final JsonNode body;
    private final boolean bodyRequired;

    RequestRules(JsonNode rules) {
        this.query = new LinkedHashMap<>();
        this.requiredQuery = new ArrayList<>();
        rules.path("query").fields().forEachRemaining(e -> {
            query.put(e.getKey(), e.getValue());
            if (e.getValue().path("required").asBoolean(false)) requiredQuery.add(e.getKey());
        });
        this.body = rules.get("body");
        this.bodyRequired = body != null && body.path("required").asBoolean(false);
    }

    /** The rules of a route key such as {@code POST /v1/orders/{orderId}/confirm}; empty when the contract has none. */
    public static Optional<RequestRules> forRoute(String routeKey) {
        return LOADED.computeIfAbsent(routeKey, RequestRules::load);
    }

    public static String resourceName(String routeKey) {
        return RESOURCE_DIR + URLEncoder.encode(routeKey, StandardCharsets.UTF_8) + ".json";
    }

    private static Optional<RequestRules> load(String routeKey) {
        try (InputStream in = RequestRules.class.getClassLoader().getResourceAsStream(resourceName(routeKey))) {
            return in == null ? Optional.empty() : Optional.of(new RequestRules(dev.oms.platform.json.Json.parseDocument(in)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the contract's rules for " + routeKey, e);
        }
    }

    /** Whether the route takes a body at all; a route without one accepts only an empty body or {@code {}}. */
    public boolean hasBody() { return body != null; }

    public boolean bodyRequired() { return bodyRequired; }

    /**
     * Checks the query string as sent: every name must be declared, a parameter that is not a list must not repeat,
     * required ones must be there, and every value must fit its schema (lists are comma-separated). Empty values
     * ({@code ?status=}) count as absent, as the handlers read them.
     */
    public List<Violation> checkQuery(List<Map.Entry<String, String>> pairs) {
        List<Violation> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : pairs) {
            String name = p.getKey();
            JsonNode param = query.get(name);
            if (param == null) {
                if (seen.putIfAbsent(name, 1) == null) out.add(new Violation(name, "field.unknown", "Unknown query parameter " + name));
                continue;
            }
            int times = seen.merge(name, 1, Integer::sum);
            JsonNode schema = param.path("schema");
            boolean list = "array".equals(schema.path("type").asText());
            if (times == 2 && !list) {
                out.add(new Violation(name, "field.repeated", "Query parameter " + name + " may be given once"));
                continue;
            }
            if (p.getValue().isEmpty()) continue;
            out.addAll(VALIDATOR.validate(schema, typed(schema, p.getValue()), name));
        }
        for (String r : requiredQuery) {
            if (!seen.containsKey(r)) out.add(new Violation(r, "field.required", "Query parameter " + r + " is required"));
        }
        return out;
    }

    /** Checks a parsed body against the route's schema; a route without a body accepts only {@code {}}. */
    public List<Violation> checkBody(JsonNode value) {
        if (body == null) {
            List<Violation> out = new ArrayList<>();
            if (value.isObject()) value.fieldNames().forEachRemaining(f -> out.add(new Violation(f, "field.unknown", "Unknown field " + f + " (this route takes no body)")));
            else out.add(new Violation("", "field.type", "This route takes no body"));
            return out;
        }
        return VALIDATOR.validate(body.path("schema"), value, "");
    }

    /** A query value read as the schema's type, so that numbers and booleans are checked as such. */
    static JsonNode typed(JsonNode schema, String raw) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        switch (type) {
            case "integer":
                try {
                    return f.numberNode(Long.parseLong(raw));
                } catch (NumberFormatException e) {
                    return f.textNode(raw);
                }
            case "number":
                try {
                    return f.numberNode(new java.math.BigDecimal(raw));
                } catch (NumberFormatException e) {
                    return f.textNode(raw);
                }
            case "boolean":
                return raw.equals("true") ? f.booleanNode(true) : raw.equals("false") ? f.booleanNode(false) : f.textNode(raw);
            case "array":
                com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
                JsonNode items = schema.path("items");
                for (String part : raw.split(",", -1)) a.add(typed(items, part.trim()));
                return a;
            default:
                return f.textNode(raw);
        }
    }
}
