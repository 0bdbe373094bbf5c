package dev.oms.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"external_reference", "items[0].sku", "items[199].unit_price.amount", "metadata.gift-note", "a.b.c.d.e"})
    void validPaths(String path) { assertThat(FieldPaths.isValid(path)).isTrue(); }

    @ParameterizedTest
    @ValueSource(strings = {"", "items[200].sku", "items[].sku", "a..b", ".a", "a b", "a.b.c.d.e.f", "items[0]x", "$.a"})
    void invalidPaths(String path) { assertThat(FieldPaths.isValid(path)).isFalse(); }

    @Test
    void setBuildsObjectsAndArraysAndTypesIntegerLeaves() {
        ObjectNode o = Json.object();
        FieldPaths.setText(o, "items[1].quantity", "3");
        FieldPaths.setText(o, "items[1].unit_price.amount", "-12");
        FieldPaths.setText(o, "items[1].unit_price.currency", "GBP");
        FieldPaths.setText(o, "items[0].sku", "007");
        FieldPaths.setText(o, "shipping.amount", "1.5");
        assertThat(o.toString()).isEqualTo("{\"items\":[{\"sku\":\"007\"},{\"quantity\":3,\"unit_price\":{\"amount\":-12,\"currency\":\"GBP\"}}],"
                + "\"shipping\":{\"amount\":\"1.5\"}}");
        assertThat(FieldPaths.get(o, "items[1].unit_price.currency").asText()).isEqualTo("GBP");
        assertThat(FieldPaths.get(o, "items[5].sku")).isNull();
        assertThat(FieldPaths.root("items[1].quantity")).isEqualTo("items");
        FieldPaths.remove(o, "shipping.amount");
        assertThat(o.has("shipping")).as("emptied parents go too").isFalse();
    }

    @Test
    void uploadKeysNameTheirTenantAndJob() {
        String key = JobFiles.upload("t1", "job_01ABC", "csv");
        assertThat(key).isEqualTo("imports/t1/job_01ABC.csv");
        assertThat(JobFiles.parseUpload(key)).containsExactly("t1", "job_01ABC");
        assertThat(JobFiles.parseUpload("imports/t1/notes.txt")).isNull();
        assertThat(JobFiles.parseUpload("imports/t1/sub/job_1.csv")).isNull();
        assertThat(JobFiles.parseUpload("exports/t1/job_1.csv")).isNull();
        assertThat(JobFiles.reportPart("t1", "job_1", 42, "ndjson")).isEqualTo("work/t1/job_1/part-000000000042.ndjson");
    }
}
