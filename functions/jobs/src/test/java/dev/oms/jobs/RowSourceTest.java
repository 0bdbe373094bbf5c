package dev.oms.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.platform.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowSourceTest {

    static List<Row> all(String format, String text, Map<String, String> mapping) throws IOException {
        try (RowSource rows = RowSource.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format, mapping)) {
            List<Row> out = new ArrayList<>();
            for (Row r; (r = rows.next()) != null; ) out.add(r);
            return out;
        }
    }

    @Test
    void ndjsonRowsAreNumberedByLineSkippingBlankLinesAndReportingUnreadableOnes() throws IOException {
        List<Row> rows = all("ndjson", "{\"a\":1}\r\n\n  \n[1,2]\n{bad\n{\"b\":\"é\"}", Map.of());
        assertThat(rows).extracting(Row::line).containsExactly(1L, 4L, 5L, 6L);
        assertThat(rows.get(0).body().path("a").asInt()).isEqualTo(1);
        assertThat(rows.get(1).error()).isEqualTo("The line must be a JSON object");
        assertThat(rows.get(2).error()).startsWith("The line is not valid JSON");
        assertThat(rows.get(3).body().path("b").asText()).isEqualTo("é");
    }

    @Test
    void ndjsonMappingMovesFieldsAndLeavesTheRest() throws IOException {
        Row r = all("ndjson", "{\"ref\":\"R1\",\"buyer\":{\"id\":\"c1\",\"vip\":true},\"currency\":\"GBP\"}\n",
                Map.of("ref", "external_reference", "buyer.id", "customer_id", "buyer.vip", "metadata.vip")).get(0);
        assertThat(r.body()).isEqualTo(Json.parse("{\"currency\":\"GBP\",\"external_reference\":\"R1\",\"customer_id\":\"c1\",\"metadata\":{\"vip\":true}}"));
    }

    @Test
    void anOverlongLineIsReportedNotLoaded() throws IOException {
        String huge = "{\"x\":\"" + "a".repeat(LineReader.MAX_LINE_CHARS + 10) + "\"}";
        List<Row> rows = all("ndjson", huge + "\n{\"ok\":true}\n", Map.of());
        assertThat(rows.get(0).error()).contains("longer than");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).body().path("ok").asBoolean()).isTrue();
    }

    @Test
    void csvCellsBecomeTypedFieldsAtTheirPaths() throws IOException {
        String csv = "external_reference,items[0].quantity,items[0].unit_price.amount,items[1].sku,metadata.note,shipping_address.city\n"
                + "R1,2,1250,SKU-2,\"a, \"\"b\"\"\",\n"
                + "R2,two,,,\"multi\nline\",Leeds\n";
        List<Row> rows = all("csv", csv, Map.of());
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).body().toString()).isEqualTo(
                "{\"external_reference\":\"R1\",\"items\":[{\"quantity\":2,\"unit_price\":{\"amount\":1250}},{\"sku\":\"SKU-2\"}],\"metadata\":{\"note\":\"a, \\\"b\\\"\"}}");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).body().path("items").get(0).path("quantity").isTextual()).as("left for validation to refuse").isTrue();
        assertThat(rows.get(1).body().path("metadata").path("note").asText()).isEqualTo("multi\nline");
    }

    @Test
    void csvWithAMappingReadsOnlyMappedColumnsAndFlagsRaggedRows() throws IOException {
        List<Row> rows = all("csv", "Ref,Junk,Qty\nR1,x,3\nR2,y\n", Map.of("Ref", "external_reference", "Qty", "items[0].quantity"));
        assertThat(rows.get(0).body().toString()).isEqualTo("{\"external_reference\":\"R1\",\"items\":[{\"quantity\":3}]}");
        assertThat(rows.get(1).error()).isEqualTo("The row has 2 cells, the header 3");
    }

    @Test
    void csvHeadersMustBeFieldPathsWithoutAMapping() {
        assertThatThrownBy(() -> all("csv", "Order Ref\nR1\n", Map.of())).isInstanceOf(BadInput.class)
                .satisfies(e -> assertThat(((BadInput) e).code()).isEqualTo("import.header_invalid"));
    }

    @Test
    void resumingSkipsThroughTheCheckpointedLine() throws IOException {
        try (RowSource rows = RowSource.open(new ByteArrayInputStream("{\"n\":1}\n{\"n\":2}\n\n{\"n\":4}\n".getBytes(StandardCharsets.UTF_8)), "ndjson", Map.of())) {
            rows.skipThrough(2);
            Row r = rows.next();
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.body().path("n").asInt()).isEqualTo(4);
        }
        try (RowSource rows = RowSource.open(new ByteArrayInputStream("sku\nA\nB\nC\n".getBytes(StandardCharsets.UTF_8)), "csv", Map.of("sku", "items[0].sku"))) {
            rows.skipThrough(3);
            assertThat(rows.next(10)).extracting(Row::line).containsExactly(4L);
        }
    }
}
