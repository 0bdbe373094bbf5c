package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a query stopped (its exclusive start key) as a plain string. The HTTP layer signs it into an opaque cursor,
 * so a position that reaches this class was issued by us for the same query.
 */
final class Positions {
    private Positions() { }

    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) return null;
        ObjectNode o = Json.object();
        key.forEach((k, v) -> o.put(k, v.s()));
        return Json.write(o);
    }

    static Map<String, AttributeValue> decode(String position) {
        if (position == null) return null;
        try {
            JsonNode n = Json.parse(position);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            n.properties().forEach(e -> key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText())));
            return key;
        } catch (Exception e) {
            throw new IllegalArgumentException("bad position", e);
        }
    }

    /** The exclusive start key of an item in an index: the table key plus the index key. */
    static Map<String, AttributeValue> keyOf(JsonNode item, String index) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String a : new String[] {Keys.PK, Keys.SK, index + "PK", index + "SK"}) {
            if (item.hasNonNull(a)) key.put(a, AttributeValue.fromS(item.get(a).asText()));
        }
        return key;
    }
}
