package dev.oms.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers and a body (JSON text, or empty). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, JsonNode body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        return new ApiResponse(status, h, Json.write(body));
    }

    public static ApiResponse ok(JsonNode body) { return json(200, body); }

    public static ApiResponse created(JsonNode body, String location) { return json(201, body).withHeader("location", location); }

    public static ApiResponse accepted(JsonNode body) { return json(202, body); }

    public static ApiResponse noContent() { return new ApiResponse(204, new LinkedHashMap<>(), ""); }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value != null) h.put(name, value);
        return new ApiResponse(status, h, body);
    }

    /** With the ETag of an aggregate version. */
    public ApiResponse withVersion(long version) { return withHeader("etag", ETags.of(version)); }
}
