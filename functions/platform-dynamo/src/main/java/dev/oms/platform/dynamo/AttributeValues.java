package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** JSON trees to DynamoDB attribute maps and back (nulls are left out of items). */
public final class AttributeValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AttributeValues() { }

    public static Map<String, AttributeValue> fromObject(ObjectNode node) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            AttributeValue v = from(e.getValue());
            if (v != null) m.put(e.getKey(), v);
        });
        return m;
    }

    public static AttributeValue from(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isTextual()) return AttributeValue.fromS(n.textValue());
        if (n.isBoolean()) return AttributeValue.fromBool(n.booleanValue());
        if (n.isNumber()) return AttributeValue.fromN(n.numberValue() instanceof BigDecimal bd ? bd.toPlainString() : n.asText());
        if (n.isArray()) {
            List<AttributeValue> l = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                AttributeValue v = from(c);
                l.add(v == null ? AttributeValue.fromNul(true) : v);
            }
            return AttributeValue.fromL(l);
        }
        if (n.isObject()) return AttributeValue.fromM(fromObject((ObjectNode) n));
        return AttributeValue.fromS(n.asText());
    }

    public static ObjectNode toObject(Map<String, AttributeValue> item) {
        ObjectNode o = F.objectNode();
        item.forEach((k, v) -> o.set(k, to(v)));
        return o;
    }

    public static JsonNode to(AttributeValue v) {
        return switch (v.type()) {
            case S -> F.textNode(v.s());
            case N -> v.n().contains(".") || v.n().contains("e") || v.n().contains("E")
                    ? F.numberNode(new BigDecimal(v.n())) : F.numberNode(Long.parseLong(v.n()));
            case BOOL -> F.booleanNode(v.bool());
            case NUL -> F.nullNode();
            case M -> toObject(v.m());
            case L -> {
                ArrayNode a = F.arrayNode();
                v.l().forEach(x -> a.add(to(x)));
                yield a;
            }
            case SS -> {
                ArrayNode a = F.arrayNode();
                v.ss().forEach(a::add);
                yield a;
            }
            default -> F.textNode(String.valueOf(v));
        };
    }
}
