package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesTest {

    private static ObjectNode parse(String json) throws Exception { return (ObjectNode) Json.parse(json.replace('\'', '"')); }

    @Test
    void scalarsBecomeTheirDynamoTypes() throws Exception {
        Map<String, AttributeValue> m = AttributeValues.fromObject(parse("{'s':'text','n':42,'neg':-7,'d':12.50,'t':true,'f':false,'e':''}"));
        assertThat(m.get("s")).isEqualTo(AttributeValue.fromS("text"));
        assertThat(m.get("n")).isEqualTo(AttributeValue.fromN("42"));
        assertThat(m.get("neg")).isEqualTo(AttributeValue.fromN("-7"));
        // the shared mapper strips trailing zeros of decimals when it parses
        assertThat(m.get("d")).isEqualTo(AttributeValue.fromN("12.5"));
        assertThat(m.get("t")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(m.get("f")).isEqualTo(AttributeValue.fromBool(false));
        assertThat(m.get("e")).isEqualTo(AttributeValue.fromS(""));
    }

    @Test
    void nullsAreDroppedFromObjects() throws Exception {
        Map<String, AttributeValue> m = AttributeValues.fromObject(parse("{'a':null,'b':1,'nested':{'x':null,'y':'z'}}"));
        assertThat(m).containsOnlyKeys("b", "nested");
        assertThat(m.get("nested").m()).containsOnlyKeys("y");
    }

    @Test
    void nullsInsideListsBecomeNul() throws Exception {
        Map<String, AttributeValue> m = AttributeValues.fromObject(parse("{'l':[1,null,'a']}"));
        assertThat(m.get("l").l()).containsExactly(AttributeValue.fromN("1"), AttributeValue.fromNul(true), AttributeValue.fromS("a"));
        JsonNode back = AttributeValues.toObject(m).get("l");
        assertThat(back.get(1).isNull()).isTrue();
        assertThat(back.size()).isEqualTo(3);
    }

    @Test
    void exponentDecimalIsStoredWithoutExponent() throws Exception {
        Map<String, AttributeValue> m = AttributeValues.fromObject(parse("{'x':1.5e3}"));
        assertThat(m.get("x").n()).isEqualTo("1500");
        assertThat(AttributeValues.toObject(m).get("x").asLong()).isEqualTo(1500L);
    }

    @Test
    void nestedRoundTrip() throws Exception {
        ObjectNode original = parse("{'PK':'T#acme#ORDER#1','version':3,'total':7953,'rate':0.175,'ok':true,"
                + "'lines':[{'id':'l1','quantity':2,'metadata':{'colour':'red'}},{'id':'l2','quantity':1,'metadata':{}}],"
                + "'empty':[],'address':{'city':'London','geo':{'lat':51.5074,'lng':-0.1278}},'tags':['a','b'],"
                + "'matrix':[[1,2],[3,[4.25]]],'big':9007199254740993,'min':-9223372036854775808}");
        Map<String, AttributeValue> item = AttributeValues.fromObject(original);
        ObjectNode back = AttributeValues.toObject(item);
        assertThat(back).isEqualTo(original);
        assertThat(back.get("version").isLong()).isTrue();
        assertThat(back.get("rate").isBigDecimal()).isTrue();
        assertThat(back.get("rate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.175"));
        assertThat(back.get("big").asLong()).isEqualTo(9007199254740993L);
        assertThat(back.get("lines").get(0).get("metadata").get("colour").asText()).isEqualTo("red");
        assertThat(back.get("address").get("geo").get("lng").decimalValue()).isEqualByComparingTo("-0.1278");
    }

    @Test
    void toReadsNumbersAsLongOrDecimal() {
        assertThat(AttributeValues.to(AttributeValue.fromN("42")).isLong()).isTrue();
        assertThat(AttributeValues.to(AttributeValue.fromN("42")).asLong()).isEqualTo(42);
        JsonNode d = AttributeValues.to(AttributeValue.fromN("1.50"));
        assertThat(d.isBigDecimal()).isTrue();
        assertThat(d.decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(AttributeValues.to(AttributeValue.fromN("1E+3")).decimalValue()).isEqualByComparingTo("1000");
        assertThat(AttributeValues.to(AttributeValue.fromN("2e-2")).decimalValue()).isEqualByComparingTo("0.02");
    }

    @Test
    void toReadsStringSetsAndNul() {
        JsonNode ss = AttributeValues.to(AttributeValue.fromSs(List.of("a", "b")));
        assertThat(ss.isArray()).isTrue();
        assertThat(ss.size()).isEqualTo(2);
        assertThat(ss.get(0).asText()).isEqualTo("a");
        assertThat(AttributeValues.to(AttributeValue.fromNul(true)).isNull()).isTrue();
        assertThat(AttributeValues.to(AttributeValue.fromBool(false)).booleanValue()).isFalse();
    }

    @Test
    void fromOfNullOrMissingIsNull() {
        assertThat(AttributeValues.from(null)).isNull();
        assertThat(AttributeValues.from(Json.object().get("nope"))).isNull();
        assertThat(AttributeValues.from(Json.object().path("nope"))).isNull();
        assertThat(AttributeValues.from(com.fasterxml.jackson.databind.node.NullNode.getInstance())).isNull();
    }

    @Test
    void emptyObjectAndListRoundTrip() throws Exception {
        ObjectNode original = parse("{'m':{},'l':[]}");
        Map<String, AttributeValue> item = AttributeValues.fromObject(original);
        assertThat(item.get("m").m()).isEmpty();
        assertThat(item.get("l").l()).isEmpty();
        assertThat(AttributeValues.toObject(item)).isEqualTo(original);
    }
}
