package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.contract.SchemaValidator;
import dev.oms.contract.Violation;
import dev.oms.platform.json.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds every answer the end-to-end tests receive to the OpenAPI contract: the operation exists, the status is
 * declared, errors are problem+json, and the body matches the declared schema, read strictly (an object may carry
 * only the properties its schema declares, unless it says otherwise). Unknown routes must be the gateway's
 * {@code route.*} problems. The local runtime's own helpers ({@code /local/...}) are not part of the contract.
 */
final class ContractResponses {
    static final JsonNode SPEC = load();
    /** While a contract is written group by group: answers of routes it does not declare yet are not checked. */
    private static final boolean PARTIAL = Boolean.getBoolean("oms.contract.partial");
    private static final SchemaValidator VALIDATOR = new SchemaValidator(ref -> {
        JsonNode n = SPEC.at(ref.substring(1));
        return n.isMissingNode() ? null : n;
    });

    private ContractResponses() { }

    private static JsonNode load() {
        try (InputStream in = ContractResponses.class.getClassLoader().getResourceAsStream("openapi/openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi/openapi.json is not on the test classpath");
            return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean covers(String path) {
        String p = path.split("\\?", 2)[0];
        return !p.startsWith("/local/") && !p.equals("/openapi.json") && !p.startsWith("/docs");
    }

    /** Fails the calling test when the answer breaks the contract. */
    static void check(String method, String pathAndQuery, TestSystem.Resp r) {
        if (!covers(pathAndQuery)) return;
        List<String> problems = problems(method, pathAndQuery.split("\\?", 2)[0], r);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + method + " " + pathAndQuery + " breaks the OpenAPI contract:\n  "
                    + String.join("\n  ", problems) + "\nanswer: " + r);
        }
    }

    static List<String> problems(String method, String path, TestSystem.Resp r) {
        List<String> out = new ArrayList<>();
        String contentType = r.header("content-type") == null ? "" : r.header("content-type").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (r.status() >= 400 && !r.text().isEmpty() && !contentType.equals("application/problem+json")) {
            out.add("an error must be application/problem+json, not " + contentType);
        }
        JsonNode operation = operation(method, path);
        if (operation == null && PARTIAL && !(r.code() != null && r.code().startsWith("route."))) return out;
        if (operation == null) {
            if ((r.status() == 404 || r.status() == 405) && r.code() != null && r.code().startsWith("route.")) {
                validate(SPEC.at("/components/schemas/Problem"), r, out);
            } else {
                out.add("no operation " + method + " " + path + " in the contract (answered " + r.status() + ")");
            }
            return out;
        }
        JsonNode response = operation.path("responses").get(String.valueOf(r.status()));
        if (response == null) response = operation.path("responses").get(r.status() / 100 + "XX");
        if (response == null) {
            out.add(operation.path("operationId").asText() + " does not declare status " + r.status());
            return out;
        }
        response = resolve(response);
        if (r.text().isEmpty()) return out;
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            out.add(operation.path("operationId").asText() + " " + r.status() + " declares no body but one was sent");
            return out;
        }
        JsonNode media = content.get(contentType);
        if (media == null) {
            out.add(operation.path("operationId").asText() + " " + r.status() + " does not declare content type " + contentType
                    + " (declares " + iterable(content.fieldNames()) + ")");
            return out;
        }
        if (media.has("schema") && (contentType.endsWith("json"))) validate(media.get("schema"), r, out);
        return out;
    }

    private static void validate(JsonNode schema, TestSystem.Resp r, List<String> out) {
        if (r.json() == null) {
            out.add("the body is not JSON");
            return;
        }
        for (Violation v : VALIDATOR.validate(schema, r.json(), "")) {
            out.add((v.field().isEmpty() ? "(body)" : v.field()) + ": " + v.code() + " - " + v.message());
        }
    }

    private static JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) n = SPEC.at(n.get("$ref").asText().substring(1));
        return n;
    }

    /** The operation whose path template matches, preferring literal segments ({@code /v1/orders/audit} over {@code /{orderId}}). */
    static JsonNode operation(String method, String path) {
        JsonNode best = null;
        int bestLiterals = -1;
        String[] segments = path.split("/", -1);
        for (Map.Entry<String, JsonNode> p : iterableEntries(SPEC.path("paths"))) {
            JsonNode op = p.getValue().get(method.toLowerCase(Locale.ROOT));
            if (op == null) continue;
            String[] template = p.getKey().split("/", -1);
            if (template.length != segments.length) continue;
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < template.length && match; i++) {
                if (template[i].startsWith("{") && template[i].endsWith("}")) match = !segments[i].isEmpty();
                else if (template[i].equals(segments[i])) literals++;
                else match = false;
            }
            if (match && literals > bestLiterals) {
                best = op;
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static List<Map.Entry<String, JsonNode>> iterableEntries(JsonNode n) {
        List<Map.Entry<String, JsonNode>> l = new ArrayList<>();
        n.fields().forEachRemaining(l::add);
        return l;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
