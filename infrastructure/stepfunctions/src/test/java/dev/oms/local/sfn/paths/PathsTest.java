package dev.oms.local.sfn.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import org.junit.jupiter.api.Test;

class PathsTest {
    private static final JsonNode INPUT = Json.parse("""
        {"a": {"b": [10, 20, {"c": "deep"}], "nil": null}, "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 3}],
         "decimal": 0.1, "odd key": 1}""");
    private static final JsonNode CONTEXT = Json.parse("{\"Execution\": {\"Id\": \"arn:x\"}}");

    @Test
    void readsDefiniteAndIndefinitePaths() {
        assertThat(JsonPaths.read("$", INPUT, CONTEXT)).isSameAs(INPUT);
        assertThat(JsonPaths.read("$.a.b[2].c", INPUT, CONTEXT).textValue()).isEqualTo("deep");
        assertThat(JsonPaths.read("$.a.nil", INPUT, CONTEXT).isNull()).isTrue();
        assertThat(JsonPaths.read("$['odd key']", INPUT, CONTEXT).intValue()).isEqualTo(1);
        assertThat(JsonPaths.read("$.items[*].sku", INPUT, CONTEXT)).isEqualTo(Json.parse("[\"A\", \"B\"]"));
        assertThat(JsonPaths.read("$.items[?(@.qty > 2)].sku", INPUT, CONTEXT)).isEqualTo(Json.parse("[\"B\"]"));
        assertThat(JsonPaths.read("$.items[?(@.qty > 9)].sku", INPUT, CONTEXT)).isEqualTo(Json.parse("[]"));
        assertThat(JsonPaths.read("$.decimal", INPUT, CONTEXT).decimalValue().toPlainString()).isEqualTo("0.1");
        assertThat(JsonPaths.read("$$.Execution.Id", INPUT, CONTEXT).textValue()).isEqualTo("arn:x");
        assertThat(JsonPaths.read("$$", INPUT, CONTEXT)).isSameAs(CONTEXT);
    }

    @Test
    void aMissingDefinitePathIsNotFound() {
        assertThatThrownBy(() -> JsonPaths.read("$.a.missing", INPUT, CONTEXT))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("$.a.missing");
        assertThat(JsonPaths.find("$.a.b[7]", INPUT, CONTEXT)).isEmpty();
        assertThat(JsonPaths.find("$.a.b[1]", INPUT, CONTEXT)).contains(Json.parse("20"));
    }

    @Test
    void validatesPathSyntax() {
        assertThat(JsonPaths.isValid("$.a[0].b")).isTrue();
        assertThat(JsonPaths.isValid("$$.Map.Item.Value")).isTrue();
        assertThat(JsonPaths.isValid("a.b")).isFalse();
        assertThat(JsonPaths.isValid("$.a[")).isFalse();
        assertThat(JsonPaths.isDefinite("$.a.b")).isTrue();
        assertThat(JsonPaths.isDefinite("$.a[*]")).isFalse();
    }

    @Test
    void resultPathReplacesMergesAndCreates() {
        JsonNode raw = Json.parse("{\"order\": {\"id\": \"o1\"}, \"list\": [1, 2]}");
        JsonNode result = Json.parse("{\"ok\": true}");
        assertThat(ReferencePath.parse("$").place(raw, result)).isSameAs(result);
        assertThat(ReferencePath.parse("$.order.price").place(raw, result))
                .isEqualTo(Json.parse("{\"order\": {\"id\": \"o1\", \"price\": {\"ok\": true}}, \"list\": [1, 2]}"));
        assertThat(ReferencePath.parse("$.new.deeper['odd key']").place(raw, result))
                .isEqualTo(Json.parse("{\"order\": {\"id\": \"o1\"}, \"list\": [1, 2], "
                        + "\"new\": {\"deeper\": {\"odd key\": {\"ok\": true}}}}"));
        assertThat(ReferencePath.parse("$.list[1]").place(raw, result))
                .isEqualTo(Json.parse("{\"order\": {\"id\": \"o1\"}, \"list\": [1, {\"ok\": true}]}"));
        assertThat(ReferencePath.parse("$.order").place(raw, result))
                .isEqualTo(Json.parse("{\"order\": {\"ok\": true}, \"list\": [1, 2]}"));
        assertThat(raw).isEqualTo(Json.parse("{\"order\": {\"id\": \"o1\"}, \"list\": [1, 2]}"));
    }

    @Test
    void resultPathFailsWhereItCannotPlaceTheResult() {
        JsonNode result = Json.parse("1");
        assertThatThrownBy(() -> ReferencePath.parse("$.x").place(Json.parse("\"a string\""), result))
                .isInstanceOfSatisfying(StatesError.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorNames.RESULT_PATH_MATCH_FAILURE));
        assertThatThrownBy(() -> ReferencePath.parse("$.list.x").place(Json.parse("{\"list\": [1]}"), result))
                .isInstanceOfSatisfying(StatesError.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorNames.RESULT_PATH_MATCH_FAILURE));
    }

    @Test
    void referencePathsRejectWildcardsFiltersAndContext() {
        assertThat(ReferencePath.isValid("$.a.b[3]")).isTrue();
        assertThat(ReferencePath.isValid("$.a[*]")).isFalse();
        assertThat(ReferencePath.isValid("$.a[?(@.x)]")).isFalse();
        assertThat(ReferencePath.isValid("$$.Execution")).isFalse();
        assertThat(ReferencePath.isValid("a")).isFalse();
    }

    @Test
    void payloadTemplatesResolvePathsIntrinsicsAndNesting() {
        PayloadTemplate template = PayloadTemplate.compile(Json.parse("""
            {"static": {"k": [1, {"v": 2}]}, "id.$": "$.order.id", "exec.$": "$$.Execution.Id",
             "list": [{"sku.$": "$.list[0]"}], "fmt.$": "States.Format('#{}', $.order.id)"}"""));
        JsonNode out = template.apply(Json.parse("{\"order\": {\"id\": \"o1\"}, \"list\": [\"A\"]}"), CONTEXT);
        assertThat(out).isEqualTo(Json.parse("""
            {"static": {"k": [1, {"v": 2}]}, "id": "o1", "exec": "arn:x", "list": [{"sku": "A"}], "fmt": "#o1"}"""));
    }

    @Test
    void payloadTemplatePathFailuresAreParameterPathFailures() {
        PayloadTemplate template = PayloadTemplate.compile(Json.parse("{\"x.$\": \"$.missing\"}"));
        assertThatThrownBy(() -> template.apply(Json.parse("{}"), CONTEXT))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.PARAMETER_PATH_FAILURE);
                    assertThat(e.cause()).contains("$.missing").contains("x.$");
                });
    }

    @Test
    void timestampsFollowRfc3339() {
        assertThat(Timestamps.isTimestamp("2024-05-01T10:00:00Z")).isTrue();
        assertThat(Timestamps.isTimestamp("2024-05-01T10:00:00.123456+05:30")).isTrue();
        assertThat(Timestamps.isTimestamp("2024-05-01t10:00:00z")).isFalse();
        assertThat(Timestamps.isTimestamp("2024-05-01T10:00:00")).isFalse();
        assertThat(Timestamps.isTimestamp("2024-13-01T10:00:00Z")).isFalse();
        assertThat(Timestamps.parse("2024-05-01T12:00:00+02:00")).isEqualTo(Timestamps.parse("2024-05-01T10:00:00Z"));
    }
}
