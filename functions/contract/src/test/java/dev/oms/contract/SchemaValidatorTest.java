package dev.oms.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    static final ObjectMapper M = new ObjectMapper();

    static JsonNode j(String json) {
        try {
            return M.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final JsonNode DOC = j("""
            {'components': {'schemas': {
              'Money': {'type': 'object', 'required': ['amount', 'currency'], 'additionalProperties': false,
                        'properties': {'amount': {'type': 'integer'}, 'currency': {'type': 'string'}}},
              'Line': {'type': 'object', 'required': ['sku', 'quantity'],
                       'properties': {'sku': {'type': 'string', 'minLength': 1, 'maxLength': 5},
                                      'quantity': {'type': 'integer', 'minimum': 1, 'maximum': 10},
                                      'unit_price': {'$ref': '#/components/schemas/Money'}}},
              'Order': {'type': 'object', 'required': ['items'],
                        'properties': {'items': {'type': 'array', 'minItems': 1, 'maxItems': 2, 'items': {'$ref': '#/components/schemas/Line'}},
                                       'status': {'type': 'string', 'enum': ['created', 'confirmed']},
                                       'note': {'type': ['string', 'null']},
                                       'at': {'type': 'string', 'format': 'date-time'},
                                       'metadata': {'type': 'object', 'additionalProperties': {'type': 'string'}}}}}}}""");
    static final SchemaValidator V = new SchemaValidator(ref -> DOC.at(ref.substring(1)));
    static final JsonNode ORDER = j("{'$ref': '#/components/schemas/Order'}");

    static List<Violation> check(String json) { return V.validate(ORDER, j(json), ""); }

    @Test
    void aValidValuePasses() {
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 2, 'unit_price': {'amount': 5, 'currency': 'GBP'}}], 'note': null,"
                + " 'status': 'created', 'at': '2026-08-29T12:00:00Z', 'metadata': {'k': 'v'}}")).isEmpty();
    }

    @Test
    void objectsAreClosedUnlessTheySayOtherwise() {
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1, 'colour': 'red'}], 'priority': 1}"))
                .extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("items[0].colour", "field.unknown"),
                        org.assertj.core.groups.Tuple.tuple("priority", "field.unknown"));
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1}], 'metadata': {'any': 'thing'}}")).isEmpty();
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1}], 'metadata': {'any': 1}}")).extracting(Violation::code).containsExactly("field.type");
    }

    @Test
    void theCodesAreTheHandlersCodes() {
        assertThat(check("{}")).extracting(Violation::field, Violation::code).containsExactly(org.assertj.core.groups.Tuple.tuple("items", "field.required"));
        assertThat(check("{'items': []}")).extracting(Violation::code).containsExactly("field.too_few");
        assertThat(check("{'items': [{'sku':'A','quantity':1},{'sku':'A','quantity':1},{'sku':'A','quantity':1}]}")).extracting(Violation::code).containsExactly("field.too_many");
        assertThat(check("{'items': [{'sku': '  ', 'quantity': 1}]}")).extracting(Violation::code).containsExactly("field.blank");
        assertThat(check("{'items': [{'sku': 'ABCDEF', 'quantity': 1}]}")).extracting(Violation::code).containsExactly("field.too_long");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 0}]}")).extracting(Violation::code).containsExactly("quantity.not_positive");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 11}]}")).extracting(Violation::code).containsExactly("field.out_of_range");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1.5}]}")).extracting(Violation::code).containsExactly("field.type");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': '1'}]}")).extracting(Violation::code).containsExactly("field.type");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1}], 'status': 'shipped'}")).extracting(Violation::code).containsExactly("field.not_allowed");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1}], 'at': 'yesterday'}")).extracting(Violation::code).containsExactly("field.format");
        assertThat(check("{'items': [{'sku': 'A', 'quantity': 1, 'unit_price': {'amount': 1}}]}"))
                .extracting(Violation::field).containsExactly("items[0].unit_price.currency");
    }

    @Test
    void oneOfNeedsExactlyOneMatchAndAllOfUnitesProperties() {
        JsonNode oneOf = j("{'oneOf': [{'type': 'string'}, {'type': 'integer'}]}");
        assertThat(V.validate(oneOf, j("1"), "x")).isEmpty();
        assertThat(V.validate(oneOf, j("true"), "x")).extracting(Violation::code).containsExactly("field.invalid");
        JsonNode nullableMoney = j("{'anyOf': [{'$ref': '#/components/schemas/Money'}, {'type': 'null'}]}");
        assertThat(V.validate(nullableMoney, j("{'amount': 1, 'currency': 'GBP'}"), "m")).isEmpty();
        assertThat(V.validate(nullableMoney, j("null"), "m")).isEmpty();
        assertThat(V.validate(nullableMoney, j("{'amount': 1, 'currency': 'GBP', 'x': 1}"), "m")).isNotEmpty();
        JsonNode allOf = j("{'allOf': [{'type': 'object', 'properties': {'a': {'type': 'string'}}}, {'type': 'object', 'properties': {'b': {'type': 'string'}}}]}");
        assertThat(V.validate(allOf, j("{'a': 'x', 'b': 'y'}"), "")).isEmpty();
        assertThat(V.validate(allOf, j("{'a': 'x', 'c': 'y'}"), "")).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c", "field.unknown"));
    }
}
