package dev.oms.platform.events;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/** DynamoDB stream images (the Lambda events model of attribute values) as JSON trees. */
public final class StreamImages {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StreamImages() { }

    public static ObjectNode toJson(Map<String, AttributeValue> image) {
        ObjectNode o = F.objectNode();
        if (image != null) image.forEach((k, v) -> o.set(k, toJson(v)));
        return o;
    }

    public static JsonNode toJson(AttributeValue v) {
        if (v == null) return F.nullNode();
        if (v.getS() != null) return F.textNode(v.getS());
        if (v.getN() != null) {
            String n = v.getN();
            return n.contains(".") || n.contains("e") || n.contains("E") ? F.numberNode(new BigDecimal(n)) : F.numberNode(Long.parseLong(n));
        }
        if (v.getBOOL() != null) return F.booleanNode(v.getBOOL());
        if (Boolean.TRUE.equals(v.getNULL())) return F.nullNode();
        if (v.getM() != null) return toJson(v.getM());
        if (v.getL() != null) {
            ArrayNode a = F.arrayNode();
            v.getL().forEach(x -> a.add(toJson(x)));
            return a;
        }
        if (v.getSS() != null) {
            ArrayNode a = F.arrayNode();
            v.getSS().forEach(a::add);
            return a;
        }
        if (v.getNS() != null) {
            ArrayNode a = F.arrayNode();
            v.getNS().forEach(n -> a.add(new BigDecimal(n)));
            return a;
        }
        return F.nullNode();
    }
}
