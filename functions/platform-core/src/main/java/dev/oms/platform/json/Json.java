package dev.oms.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The one JSON mapper. Bodies are read as trees and validated field by field; responses are built as trees. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).build());
    }

    private Json() { }

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    public static ArrayNode array() { return MAPPER.createArrayNode(); }

    public static JsonNode parse(String text) throws JsonProcessingException { return MAPPER.readTree(text); }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain values (String, Number, Boolean, List, Map, null) to a tree. */
    public static JsonNode valueToTree(Object value) { return MAPPER.valueToTree(value); }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) { return MAPPER.convertValue(node, Map.class); }

    @SuppressWarnings("unchecked")
    public static List<Object> toList(JsonNode node) { return MAPPER.convertValue(node, List.class); }
}
