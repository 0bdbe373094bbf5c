package dev.oms.platform.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details with a dotted {@code code}, field {@code errors} and a short {@code explain}. */
public final class Problems {
    public static final String TYPE_BASE = "https://docs.oms.dev/problems/";
    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(428, "Precondition Required"), Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    private Problems() { }

    public static int statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case FORBIDDEN -> 403;
            case UNAVAILABLE -> 503;
            case GONE -> 410;
        };
    }

    public static ApiResponse of(DomainException e, String instance) {
        return build(statusOf(e.kind()), e.code(), e.getMessage(), e.explain(), e.details(), e.fieldErrors(), instance);
    }

    public static ApiResponse of(ApiProblem p, String instance) {
        return build(p.status(), p.code(), p.getMessage(), p.explain(), p.details(), p.errors(), instance);
    }

    public static ApiResponse build(int status, String code, String detail, String explain, Map<String, Object> details,
                                    List<DomainException.FieldError> errors, String instance) {
        ObjectNode o = Json.object();
        o.put("type", TYPE_BASE + code.replace('.', '-'));
        o.put("title", TITLES.getOrDefault(status, "Error"));
        o.put("status", status);
        o.put("code", code);
        o.put("detail", detail);
        if (instance != null) o.put("instance", instance);
        if (explain != null) o.put("explain", explain);
        if (!errors.isEmpty()) {
            ArrayNode a = o.putArray("errors");
            for (DomainException.FieldError e : errors) {
                a.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>(details);
        extra.forEach((k, v) -> o.set(k, Json.valueToTree(v)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/problem+json");
        return new ApiResponse(status, headers, Json.write(o));
    }

    /** 405 {@code route.method_not_allowed} with the {@code Allow} header: the path exists, the method does not. */
    public static ApiResponse methodNotAllowed(String method, String path, java.util.SortedSet<String> allowed) {
        String allow = String.join(", ", allowed);
        return build(405, "route.method_not_allowed", method + " is not allowed on " + path + "; allowed: " + allow,
                "Use one of the methods in the Allow header.", Map.of("allow", List.copyOf(allowed)), List.of(), path)
                .withHeader("allow", allow);
    }
}
