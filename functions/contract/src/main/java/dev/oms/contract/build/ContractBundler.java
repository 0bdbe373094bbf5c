package dev.oms.contract.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.oms.contract.RequestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Build step (exec-maven-plugin, process-classes): merges {@code openapi.yaml} and {@code paths/*.yaml} into one
 * OpenAPI document, checks it (unique operation ids and component names, no method declared twice, every local
 * {@code $ref} resolves), and writes {@code target/openapi.json} (the artefact for client generators and linters),
 * {@code target/classes/openapi/openapi.json} (served by the local runtime, read by the contract tests) and one
 * request-rules file per route under {@code target/classes/openapi/requests/}.
 */
public final class ContractBundler {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Set<String> COMPONENT_KINDS = Set.of("schemas", "parameters", "responses", "examples", "headers",
            "requestBodies", "securitySchemes");

    private ContractBundler() { }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        ObjectNode doc = bundle(source);
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(target.resolve("classes/openapi/requests"));
        Files.writeString(target.resolve("openapi.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        Files.writeString(target.resolve("classes/openapi/openapi.json"), json.writeValueAsString(doc));
        int routes = 0;
        for (Map.Entry<String, ObjectNode> rule : requestRules(doc).entrySet()) {
            Files.writeString(target.resolve("classes").resolve(RequestRules.resourceName(rule.getKey())), json.writeValueAsString(rule.getValue()));
            routes++;
        }
        System.out.println("[contract] bundled " + routes + " operations into " + target.resolve("openapi.json"));
    }

    /** The merged and checked document. */
    public static ObjectNode bundle(Path source) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode doc = (ObjectNode) yaml.readTree(source.resolve("openapi.yaml").toFile());
        List<Path> parts;
        try (Stream<Path> s = Files.list(source.resolve("paths"))) {
            parts = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        ArrayNode tags = doc.withArray("tags");
        ObjectNode paths = doc.with("paths");
        ObjectNode components = doc.with("components");
        for (Path part : parts) {
            JsonNode file = yaml.readTree(part.toFile());
            if (file == null) continue;
            String where = source.relativize(part).toString();
            file.fieldNames().forEachRemaining(k -> {
                if (!Set.of("tags", "paths", "components").contains(k)) throw new IllegalStateException(where + ": unexpected top-level key " + k);
            });
            file.path("tags").forEach(tags::add);
            file.path("paths").fields().forEachRemaining(e -> {
                ObjectNode item = paths.withObjectProperty(e.getKey()); // not with(): a key starting with / is read as a JSON Pointer
                e.getValue().fields().forEachRemaining(m -> {
                    if (item.has(m.getKey()) && METHODS.contains(m.getKey())) {
                        throw new IllegalStateException(where + ": " + m.getKey().toUpperCase() + " " + e.getKey() + " is declared twice");
                    }
                    item.set(m.getKey(), m.getValue());
                });
            });
            file.path("components").fields().forEachRemaining(kind -> {
                if (!COMPONENT_KINDS.contains(kind.getKey())) throw new IllegalStateException(where + ": unexpected component kind " + kind.getKey());
                ObjectNode into = components.with(kind.getKey());
                kind.getValue().fields().forEachRemaining(c -> {
                    if (into.has(c.getKey())) throw new IllegalStateException(where + ": component " + kind.getKey() + "/" + c.getKey() + " is declared twice");
                    into.set(c.getKey(), c.getValue());
                });
            });
        }
        addCommonResponses(doc);
        check(doc);
        return doc;
    }

    /**
     * The answers every route can give, whatever it does, added where an operation does not declare them itself:
     * 400 (the contract check of query and body), 413 and 415 (the body limits), 500, and 401 and 403 for routes that
     * need a token, and 429 (the request quotas, docs/customer-care.md) for routes that need a token. Operations declare everything specific to them (404, 409, 422, 503 and their own 400 codes).
     */
    static void addCommonResponses(ObjectNode doc) {
        boolean securedByDefault = doc.path("security").size() > 0;
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!METHODS.contains(m.getKey())) return;
            ObjectNode op = (ObjectNode) m.getValue();
            ObjectNode responses = op.with("responses");
            boolean secured = op.has("security") ? op.get("security").size() > 0 : securedByDefault;
            Map<String, String> common = new java.util.LinkedHashMap<>();
            common.put("400", "BadRequest");
            if (secured) {
                common.put("401", "Unauthorized");
                common.put("403", "Forbidden");
                common.put("429", "TooManyRequests");
            }
            common.put("413", "PayloadTooLarge");
            common.put("415", "UnsupportedMediaType");
            common.put("500", "ServerError");
            common.forEach((status, name) -> {
                if (!responses.has(status)) responses.putObject(status).put("$ref", "#/components/responses/" + name);
            });
        }));
    }

    private static void check(ObjectNode doc) {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!METHODS.contains(m.getKey())) return;
            String id = m.getValue().path("operationId").asText("");
            if (id.isEmpty()) problems.add(m.getKey().toUpperCase() + " " + p.getKey() + " has no operationId");
            else if (!ids.add(id)) problems.add("operationId " + id + " is used twice");
        }));
        refs(doc, doc, problems);
        if (!problems.isEmpty()) throw new IllegalStateException("the contract is not consistent:\n  " + String.join("\n  ", problems));
    }

    private static void refs(JsonNode doc, JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && pointer(doc, ref.asText()) == null) problems.add("$ref " + ref.asText() + " does not resolve");
            node.forEach(child -> refs(doc, child, problems));
        } else if (node.isArray()) {
            node.forEach(child -> refs(doc, child, problems));
        }
    }

    static JsonNode pointer(JsonNode doc, String ref) {
        if (!ref.startsWith("#/")) return null;
        JsonNode n = doc.at(ref.substring(1));
        return n.isMissingNode() ? null : n;
    }

    /** Per route key ({@code POST /v1/orders}): its query parameters and body schema, references inlined. */
    static Map<String, ObjectNode> requestRules(ObjectNode doc) {
        Map<String, ObjectNode> out = new java.util.TreeMap<>();
        ObjectMapper m = new ObjectMapper();
        doc.path("paths").fields().forEachRemaining(p -> {
            JsonNode item = p.getValue();
            item.fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) return;
                ObjectNode rules = m.createObjectNode();
                ObjectNode query = rules.putObject("query");
                List<JsonNode> params = new ArrayList<>();
                item.path("parameters").forEach(params::add);
                op.getValue().path("parameters").forEach(params::add);
                for (JsonNode param : params) {
                    JsonNode resolved = inline(doc, param, 0);
                    if (!"query".equals(resolved.path("in").asText())) continue;
                    ObjectNode q = query.putObject(resolved.path("name").asText());
                    q.put("required", resolved.path("required").asBoolean(false));
                    q.set("schema", resolved.path("schema"));
                }
                JsonNode body = op.getValue().get("requestBody");
                if (body != null) {
                    JsonNode resolved = inline(doc, body, 0);
                    ObjectNode b = rules.putObject("body");
                    b.put("required", resolved.path("required").asBoolean(false));
                    JsonNode schema = resolved.path("content").path("application/json").path("schema");
                    if (schema.isMissingNode()) throw new IllegalStateException(op.getKey().toUpperCase() + " " + p.getKey() + ": a request body must be application/json");
                    b.set("schema", schema);
                }
                out.put(op.getKey().toUpperCase() + " " + p.getKey(), rules);
            });
        });
        return out;
    }

    /** A deep copy with every local $ref replaced by its target (sibling keywords override the target's). */
    static JsonNode inline(JsonNode doc, JsonNode node, int depth) {
        if (depth > 64) throw new IllegalStateException("the contract's references nest too deep (a cycle?)");
        if (node.isObject()) {
            ObjectNode copy = new ObjectMapper().createObjectNode();
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                JsonNode target = inline(doc, pointer(doc, ref.asText()), depth + 1);
                if (target.isObject()) copy.setAll((ObjectNode) target);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("$ref")) continue;
                copy.set(f.getKey(), inline(doc, f.getValue(), depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = new ObjectMapper().createArrayNode();
            node.forEach(n -> copy.add(inline(doc, n, depth + 1)));
            return copy;
        }
        return node;
    }
}
