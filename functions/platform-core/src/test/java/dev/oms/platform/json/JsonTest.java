package dev.oms.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Json} reads and writes trees with jackson-core alone; it is held to what the configured {@code ObjectMapper}
 * did before (and still does for {@link Json#mapper()}): the same node types and values, the same text out, the same
 * plain values, and malformed input refused.
 */
class JsonTest {
    /** The mapper Json used to be: the reference. */
    private static final ObjectMapper REFERENCE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    static {
        REFERENCE.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).build());
    }

    private static final List<String> DOCUMENTS = List.of(
            "{}", "[]", "null", "true", "false", "0", "-0", "7", "-12", "2147483648", "9223372036854775807", "-9223372036854775808",
            "0.0", "-0.0", "1.0", "1.50", "75.00", "100.0", "100", "1e3", "1E+3", "1.5e-7", "2.5E10", "0.000", "12.3400",
            "3.141592653589793238462643383279", "\"text\"", "\"\"", "\"\\u00e9t\\u00e9 \\\"quoted\\\" \\n\"",
            "{\"customer_id\":\"cust-1\",\"currency\":\"GBP\",\"items\":[{\"sku\":\"S\",\"quantity\":2,\"unit_price\":{\"amount\":999,\"currency\":\"GBP\"}}]}",
            "{\"a\":1,\"a\":2}", "{\"n\":null,\"t\":true,\"list\":[1,2.50,\"x\",null,[],{}]}",
            "{\"nested\":{\"deeper\":{\"deepest\":[{\"k\":\"v\"}]}}}", "  {\"spaced\" : [ 1 , 2 ] }  ",
            "{\"price\":\"12.30\",\"weight\":0.250,\"big\":1234567890123456789}");

    @Test
    void parse_gives_the_mappers_trees_and_write_its_text() throws Exception {
        for (String doc : DOCUMENTS) {
            JsonNode ours = Json.parse(doc);
            JsonNode reference = REFERENCE.readTree(doc);
            assertThat(describe(ours)).as(doc).isEqualTo(describe(reference));
            assertThat(Json.write(ours)).as(doc).isEqualTo(REFERENCE.writeValueAsString(reference));
            assertThat(Json.write(reference)).as(doc).isEqualTo(REFERENCE.writeValueAsString(reference));
        }
    }

    @Test
    void parse_keeping_decimal_scale_is_the_mapper_without_stripping_trailing_zeros() throws Exception {
        for (String doc : DOCUMENTS) {
            JsonNode reference = REFERENCE.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).readTree(doc);
            assertThat(describe(Json.parseKeepingDecimalScale(doc))).as(doc).isEqualTo(describe(reference));
        }
        assertThat(Json.write(Json.parseKeepingDecimalScale("{\"total\":75.00}"))).isEqualTo("{\"total\":75.00}");
    }

    @Test
    void a_shipped_document_reads_as_a_plain_mapper_reads_it_at_any_depth() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        List<String> documents = new ArrayList<>(DOCUMENTS);
        documents.addAll(List.of("2147483647", "2147483648", "123456789012345678901234567890", "0.1", "1e400",
                "[".repeat(40) + "]".repeat(40)));
        for (String doc : documents) {
            JsonNode ours = Json.parseDocument(new java.io.ByteArrayInputStream(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(describe(ours)).as(doc).isEqualTo(describe(plain.readTree(doc)));
        }
    }

    @Test
    void plain_values_become_the_mappers_trees_and_trees_the_mappers_plain_values() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("s", "text");
        values.put("i", 7);
        values.put("l", 9_000_000_000L);
        values.put("short", (short) 3);
        values.put("bi", new BigInteger("1234567890123456789"));
        values.put("bd", new BigDecimal("12.50"));
        values.put("bd0", new BigDecimal("0.00"));
        values.put("d", 2.5);
        values.put("d1", 100.0);
        values.put("f", 0.1f);
        values.put("b", true);
        values.put("n", null);
        values.put("list", Arrays.asList(1, "two", null, List.of(3L), Map.of("k", "v")));
        values.put("map", Map.of("nested", List.of()));
        assertThat(describe(Json.valueToTree(values))).isEqualTo(describe(REFERENCE.valueToTree(values)));
        Object[] withNull = {"a", null, 3};
        assertThat(describe(Json.valueToTree(withNull))).isEqualTo(describe(REFERENCE.valueToTree(withNull)));
        for (Object single : Arrays.asList("x", 1, 2L, 1.25, new BigDecimal("3.10"), true, null, List.of(1, 2))) {
            assertThat(describe(Json.valueToTree(single))).as(String.valueOf(single)).isEqualTo(describe(REFERENCE.valueToTree(single)));
        }
        for (String doc : DOCUMENTS) {
            JsonNode tree = Json.parse(doc);
            if (tree.isObject()) assertThat(Json.toMap(tree)).as(doc).isEqualTo(REFERENCE.convertValue(tree, Map.class));
            if (tree.isArray()) assertThat(Json.toList(tree)).as(doc).isEqualTo(REFERENCE.convertValue(tree, List.class));
        }
        JsonNode built = Json.object().put("int", 5).put("double", 2.5).put("float", 1.5f).put("decimal", new BigDecimal("4.20"));
        assertThat(Json.toMap(built)).isEqualTo(REFERENCE.convertValue(built, Map.class));
        assertThat(Json.write(built)).isEqualTo(REFERENCE.writeValueAsString(built));
    }

    @Test
    void malformed_trailing_and_too_deep_input_is_refused_as_the_mapper_refuses_it() throws Exception {
        List<String> bad = new ArrayList<>(List.of("{", "{\"a\":}", "[1,]", "{\"a\":1}x", "{\"a\":1} {\"b\":2}", "[1] 2",
                "'single'", "{a:1}", "NaN", "01", "\"unterminated", "{\"a\":1,}", "tru", "9223372036854775808",
                "{\"big\":123456789012345678901234567890}", "-9223372036854775809"));
        bad.add("[".repeat(33) + "]".repeat(33));
        for (String doc : bad) {
            assertThatThrownBy(() -> REFERENCE.readTree(doc)).as("reference: " + doc).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> Json.parse(doc)).as(doc).isInstanceOf(JsonProcessingException.class);
        }
        assertThat(Json.parse("[".repeat(32) + "]".repeat(32)).isArray()).isTrue();
    }

    @Test
    void blank_text_is_a_missing_node_as_the_mapper_reads_it() throws Exception {
        assertThat(Json.parse("").isMissingNode()).isTrue();
        assertThat(Json.parse("  ").isMissingNode()).isTrue();
        assertThat(REFERENCE.readTree("").isMissingNode()).isTrue();
    }

    /** A tree as text that names every node's class and a decimal's scale, so that equal descriptions mean equal trees. */
    private static String describe(JsonNode node) {
        StringBuilder out = new StringBuilder();
        describe(node, out);
        return out.toString();
    }

    private static void describe(JsonNode node, StringBuilder out) {
        out.append(node.getClass().getSimpleName());
        if (node.isObject()) {
            out.append('{');
            node.properties().forEach(e -> {
                out.append(e.getKey()).append('=');
                describe(e.getValue(), out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(e -> {
                describe(e, out);
                out.append(',');
            });
            out.append(']');
        } else if (node.isBigDecimal()) {
            out.append('(').append(node.decimalValue().unscaledValue()).append(" scale ").append(node.decimalValue().scale()).append(')');
        } else {
            out.append('(').append(node.asText()).append(')');
        }
    }
}
