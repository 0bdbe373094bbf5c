package dev.oms.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way to read and write JSON. Bodies are read as trees and validated field by field; responses are built as
 * trees. Trees are read and written with jackson-core's streaming parser and generator: the request path never builds
 * an {@code ObjectMapper} (its configuration and serializer machinery are the largest part of Jackson's cold start;
 * docs/benchmarks.md). The trees are the same as {@link #mapper()}'s ({@code JsonTest} holds them equal): integers as
 * longs (beyond a long: refused), decimals as {@code BigDecimal} with trailing zeros stripped, at most 32 levels deep, no trailing content.
 */
public final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).build())
            .build();
    /** For documents the build made: Jackson's default limits (1,000 levels, 20 MB strings). */
    private static final JsonFactory DOCUMENTS = new JsonFactory();

    private Json() { }

    /**
     * The data-binding mapper, for the few places that bind records (the relays' wire formats) or convert to other
     * types; it reads trees as {@link #parse} does. Built at its first use.
     */
    public static ObjectMapper mapper() { return Mapper.MAPPER; }

    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY.copy())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .build();
    }

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    /** The tree of {@code text}; a missing node for blank text. */
    public static JsonNode parse(String text) throws JsonProcessingException { return parse(FACTORY, text, Numbers.STRIPPED); }

    /** As {@link #parse}, but decimals keep their scale ({@code 75.00} stays {@code 75.00}). */
    public static JsonNode parseKeepingDecimalScale(String text) throws JsonProcessingException {
        return parse(FACTORY, text, Numbers.EXACT);
    }

    /**
     * A JSON document the build made and ships with the code (the contract's request rules): any depth, numbers as a
     * plain {@code ObjectMapper} reads them (ints, longs, doubles).
     */
    public static JsonNode parseDocument(InputStream in) throws IOException {
        return parse(DOCUMENTS, new String(in.readAllBytes(), StandardCharsets.UTF_8), Numbers.NATURAL);
    }

    /** How numbers become nodes. */
    private enum Numbers {
        /** Integers as longs (beyond: refused), decimals as {@code BigDecimal} without trailing zeros. */
        STRIPPED,
        /** Integers as longs, decimals as {@code BigDecimal} as written. */
        EXACT,
        /** Integers as ints, longs or big integers by size, decimals as doubles. */
        NATURAL
    }

    private static JsonNode parse(JsonFactory factory, String text, Numbers numbers) throws JsonProcessingException {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return MissingNode.getInstance();
            JsonNode root = read(p, first, numbers);
            JsonToken trailing = p.nextToken();
            if (trailing != null) throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after the JSON value");
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does no I/O
        }
    }

    private static JsonNode read(JsonParser p, JsonToken token, Numbers numbers) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    o.replace(name, read(p, p.nextToken(), numbers));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) a.add(read(p, t, numbers));
                return a;
            }
            case VALUE_STRING -> { return NODES.textNode(p.getText()); }
            case VALUE_NUMBER_INT -> {
                if (numbers != Numbers.NATURAL) return NODES.numberNode(p.getLongValue()); // beyond a long: refused
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (numbers) {
                    case STRIPPED -> NODES.numberNode(stripped(p.getDecimalValue()));
                    case EXACT -> NODES.numberNode(p.getDecimalValue());
                    case NATURAL -> NODES.numberNode(p.getDoubleValue());
                };
            }
            case VALUE_TRUE -> { return NODES.booleanNode(true); }
            case VALUE_FALSE -> { return NODES.booleanNode(false); }
            case VALUE_NULL -> { return NODES.nullNode(); }
            default -> throw new JsonParseException(p, "Unexpected token " + token);
        }
    }

    /** A decimal without trailing zeros ({@code 1.50} is {@code 1.5}), as Jackson reads decimals into trees. */
    private static BigDecimal stripped(BigDecimal d) { return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros(); }

    public static String write(JsonNode node) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) write(g, element);
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case BINARY -> g.writeBinary(node.binaryValue());
            case NULL, MISSING -> g.writeNull();
            case POJO -> g.writeRawValue(mapper().writeValueAsString(node));
        }
    }

    /** Plain values (String, Number, Boolean, List, Map, arrays of objects, null) and trees to a tree. */
    public static JsonNode valueToTree(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode n -> n;
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i.longValue());
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s.longValue());
            case Byte b -> NODES.numberNode(b.longValue());
            case BigInteger i -> {
                if (i.bitLength() > 63) throw new IllegalArgumentException("Numeric value (" + i + ") out of range of long");
                yield NODES.numberNode(i.longValue());
            }
            case BigDecimal d -> NODES.numberNode(stripped(d));
            case Double d -> Double.isFinite(d) ? NODES.numberNode(stripped(BigDecimal.valueOf(d))) : NODES.numberNode(d);
            case Float f -> Float.isFinite(f) ? NODES.numberNode(stripped(BigDecimal.valueOf(f.doubleValue()))) : NODES.numberNode(f);
            case Map<?, ?> map -> {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<?, ?> e : map.entrySet()) o.replace(String.valueOf(e.getKey()), valueToTree(e.getValue()));
                yield o;
            }
            case Iterable<?> list -> {
                ArrayNode a = NODES.arrayNode();
                for (Object o : list) a.add(valueToTree(o));
                yield a;
            }
            case Object[] array -> valueToTree(java.util.Arrays.asList(array)); // elements may be null
            case Enum<?> e -> NODES.textNode(e.name());
            case CharSequence s -> NODES.textNode(s.toString());
            default -> mapper().valueToTree(value);
        };
    }

    /** An object tree as plain values: strings, {@code Long} integers, {@code BigDecimal} decimals, booleans, lists, maps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (!node.isObject()) throw new IllegalArgumentException("Not a JSON object: " + node.getNodeType());
        return (Map<String, Object>) toValue(node);
    }

    /** An array tree as plain values (as {@link #toMap}). */
    @SuppressWarnings("unchecked")
    public static List<Object> toList(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (!node.isArray()) throw new IllegalArgumentException("Not a JSON array: " + node.getNodeType());
        return (List<Object>) toValue(node);
    }

    private static Object toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), toValue(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) list.add(toValue(element));
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> switch (node.numberType()) {
                case INT, LONG -> node.longValue();
                case BIG_INTEGER -> node.bigIntegerValue();
                default -> node.decimalValue();
            };
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> mapper().convertValue(node, Object.class);
        };
    }
}
