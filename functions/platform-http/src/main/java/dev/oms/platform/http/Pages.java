package dev.oms.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.Page;
import dev.oms.platform.json.Json;
import java.util.function.Function;

/** The list envelope of every surface: {@code {"data": [...], "next_cursor": "...", "has_more": true}}. */
public final class Pages {
    private Pages() { }

    public static <T> ApiResponse render(Page<T> page, Function<T, JsonNode> view, Cursors cursors, String queryFingerprint) {
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        for (T item : page.items()) data.add(view.apply(item));
        o.put("next_cursor", cursors.encode(page.nextPosition(), queryFingerprint));
        o.put("has_more", page.hasMore());
        return ApiResponse.ok(o);
    }
}
