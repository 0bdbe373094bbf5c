package dev.oms.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built contract: the bundle is there and consistent, and every route's request rules load and work. */
class ContractTest {

    static JsonNode bundle() throws Exception {
        try (var in = ContractTest.class.getClassLoader().getResourceAsStream("openapi/openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOperationHasRequestRulesThatRefuseUnknownQueryParameters() throws Exception {
        JsonNode doc = bundle();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        int operations = 0;
        for (var p = doc.path("paths").fields(); p.hasNext(); ) {
            var path = p.next();
            for (var m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (!List.of("get", "post", "patch", "put", "delete").contains(method)) continue;
                operations++;
                String key = method.toUpperCase() + " " + path.getKey();
                RequestRules rules = RequestRules.forRoute(key).orElseThrow(() -> new AssertionError("no rules for " + key));
                List<Violation> v = rules.checkQuery(List.of(new SimpleEntry<>("zz_unknown", "1")));
                assertThat(v).extracting(Violation::code).as(key).contains("field.unknown");
            }
        }
        assertThat(RequestRules.forRoute("GET /no/such/route")).isEmpty();
        System.out.println(operations + " operations checked");
    }

    @Test
    void queryValuesAreTypedBeforeTheyAreChecked() {
        ObjectMapper m = new ObjectMapper();
        JsonNode rules = m.createObjectNode().set("query", m.valueToTree(Map.of(
                "limit", Map.of("schema", Map.of("type", "integer", "minimum", 1, "maximum", 200)),
                "expand", Map.of("schema", Map.of("type", "array", "items", Map.of("type", "string", "enum", List.of("lines", "payments")))),
                "hard", Map.of("schema", Map.of("type", "boolean")),
                "q", Map.of("required", true, "schema", Map.of("type", "string")))));
        RequestRules r = new RequestRules(rules);
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("limit", "50"), new SimpleEntry<>("expand", "lines,payments"),
                new SimpleEntry<>("hard", "true")))).isEmpty();
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("limit", "abc")))).extracting(Violation::code).containsExactly("field.type");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("limit", "0")))).extracting(Violation::code).containsExactly("field.out_of_range");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("expand", "lines,hats")))).extracting(Violation::field).containsExactly("expand[1]");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("hard", "yes")))).extracting(Violation::code).containsExactly("field.type");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "x"), new SimpleEntry<>("q", "y")))).extracting(Violation::code).containsExactly("field.repeated");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("expand", "lines"), new SimpleEntry<>("expand", "payments"))))
                .extracting(Violation::code).containsExactly("field.required");
        assertThat(r.checkQuery(List.of(new SimpleEntry<>("q", "")))).isEmpty();
        assertThat(r.hasBody()).isFalse();
        assertThat(r.checkBody(m.createObjectNode())).isEmpty();
        assertThat(r.checkBody(m.createObjectNode().put("x", 1))).extracting(Violation::code).containsExactly("field.unknown");
        JsonNode withBody = m.valueToTree(Map.of("body", Map.of("required", true, "schema", Map.of("type", "object", "required", List.of("a"),
                "properties", Map.of("a", Map.of("type", "string"), "b", Map.of("type", "string"))))));
        RequestRules body = new RequestRules(withBody);
        assertThat(body.checkBody(m.createObjectNode().put("a", "x").putNull("b"))).as("null reads as left out").isEmpty();
        assertThat(body.checkBody(m.createObjectNode().putNull("a"))).extracting(Violation::code).containsExactly("field.type");
    }
}
