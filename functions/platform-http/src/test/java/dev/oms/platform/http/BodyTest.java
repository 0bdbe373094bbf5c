package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyTest {

    /** JSON with single quotes for readability. */
    private static Body body(String json) { return Body.parse(json.replace('\'', '"')); }

    private static List<String> fields(Body b) { return b.errors().stream().map(FieldError::field).toList(); }

    private static FieldError onlyError(Body b) {
        assertThat(b.errors()).hasSize(1);
        return b.errors().get(0);
    }

    private static void assertOnlyError(Body b, String field, String code) {
        FieldError e = onlyError(b);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).isNotBlank();
    }

    // ---- parse ---------------------------------------------------------------------------------------------

    @Nested
    class Parse {
        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n\t"})
        void emptyBodyIsRequired(String text) {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Body.parse(text));
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.code()).isEqualTo("request.body_required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"a\":}", "{'a':1}", "not json", "{\"a\":1} {\"b\":2}", "{\"a\":1}x"})
        void malformedJsonIsRefused(String text) {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Body.parse(text));
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.code()).isEqualTo("request.malformed_json");
            assertThat(p.getMessage()).startsWith("The body is not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1,2]", "[]", "\"text\"", "42", "true", "null"})
        void nonObjectIsRefused(String text) {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Body.parse(text));
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.code()).isEqualTo("request.malformed_json");
            assertThat(p.getMessage()).isEqualTo("The body must be a JSON object");
        }

        @Test
        void integerBeyondLongIsMalformed() {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Body.parse("{\"quantity\":99999999999999999999}"));
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.code()).isEqualTo("request.malformed_json");
        }

        @Test
        void objectParses() {
            Body b = body("{'a':'x'}");
            assertThat(b.node().get("a").asText()).isEqualTo("x");
            assertThat(b.has("a")).isTrue();
            assertThat(b.has("b")).isFalse();
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void hasTreatsExplicitNullAsAbsent() {
            assertThat(body("{'a':null}").has("a")).isFalse();
        }

        @Test
        void parseOptionalReadsEmptyAsEmptyObject() {
            Body b = Body.parseOptional("");
            assertThat(b.node().isObject()).isTrue();
            assertThat(b.node().size()).isZero();
            assertThat(Body.parseOptional(null).node().size()).isZero();
            assertThat(Body.parseOptional("{\"x\":1}").node().get("x").asLong()).isEqualTo(1);
        }

        @Test
        void parseOptionalStillRefusesMalformedJson() {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Body.parseOptional("{"));
            assertThat(p.code()).isEqualTo("request.malformed_json");
        }
    }

    // ---- unknown fields and check() -----------------------------------------------------------------------

    @Test
    void unknownFieldsAreErrorsWithTheirPath() {
        Body b = body("{'name':'x','colour':'red','size':3}").allow("name");
        assertThat(b.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("colour", "field.unknown"),
                        org.assertj.core.groups.Tuple.tuple("size", "field.unknown"));
        assertThat(b.errors().get(0).message()).isEqualTo("Unknown field colour");
    }

    @Test
    void unknownNestedFieldHasItsFullPath() {
        Body b = body("{'outer':{'ok':1,'bad':2}}");
        b.object("outer", true).allow("ok");
        assertOnlyError(b, "outer.bad", "field.unknown");
    }

    @Test
    void allowedFieldsProduceNoErrors() {
        Body b = body("{'a':1,'b':2}").allow("a", "b", "c");
        assertThat(b.errors()).isEmpty();
        assertThatCode(b::check).doesNotThrowAnyException();
    }

    @Test
    void checkThrowsRequestInvalidWithEveryErrorCollected() {
        Body b = body("{'name':'','quantity':0,'flag':'yes','extra':1,'price':{'amount':1,'currency':'XYZ'}}");
        b.allow("name", "quantity", "flag", "price", "city");
        b.string("name", true, 10);
        b.integer("quantity", true, 1, 100);
        b.bool("flag", true);
        b.string("city", true, 50);
        b.money("price", true, null);

        DomainException e = catchThrowableOfType(DomainException.class, b::check);
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.code()).isEqualTo("request.invalid");
        assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("extra", "field.unknown"),
                org.assertj.core.groups.Tuple.tuple("name", "field.blank"),
                org.assertj.core.groups.Tuple.tuple("quantity", "quantity.not_positive"),
                org.assertj.core.groups.Tuple.tuple("flag", "field.type"),
                org.assertj.core.groups.Tuple.tuple("city", "field.required"),
                org.assertj.core.groups.Tuple.tuple("price.currency", "currency.unknown"));
    }

    @Test
    void errorRecordsAtThePathOfTheBody() {
        Body b = body("{'o':{}}");
        b.object("o", true).error("x", "custom.code", "msg");
        assertThat(b.errors()).containsExactly(new FieldError("o.x", "custom.code", "msg"));
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    @Nested
    class Strings {
        @Test
        void presentStringIsReturned() {
            Body b = body("{'s':'hello'}");
            assertThat(b.string("s", true, 5)).isEqualTo("hello");
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void missingRequiredString() {
            Body b = body("{}");
            assertThat(b.string("s", true, 5)).isNull();
            assertOnlyError(b, "s", "field.required");
        }

        @Test
        void explicitNullForRequiredStringIsMissing() {
            Body b = body("{'s':null}");
            assertThat(b.string("s", true, 5)).isNull();
            assertOnlyError(b, "s", "field.required");
        }

        @Test
        void missingOptionalStringIsNoError() {
            Body b = body("{}");
            assertThat(b.string("s", false, 5)).isNull();
            assertThat(b.errors()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"''", "'   '"})
        void blankString(String v) {
            Body b = body("{'s':" + v + "}");
            assertThat(b.string("s", false, 5)).isNull();
            assertOnlyError(b, "s", "field.blank");
        }

        @Test
        void tooLongString() {
            Body b = body("{'s':'abcdef'}");
            assertThat(b.string("s", true, 5)).isNull();
            assertOnlyError(b, "s", "field.too_long");
            assertThat(b.errors().get(0).message()).contains("5");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "{}", "[]", "1.5"})
        void nonStringIsTypeError(String v) {
            Body b = body("{'s':" + v + "}");
            assertThat(b.string("s", true, 5)).isNull();
            assertOnlyError(b, "s", "field.type");
        }

        @Test
        void oneOfAcceptsListedValue() {
            Body b = body("{'kind':'web'}");
            assertThat(b.oneOf("kind", true, Set.of("web", "pos"))).isEqualTo("web");
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void oneOfRefusesOtherValuesAndListsTheAllowedOnesSorted() {
            Body b = body("{'kind':'fax'}");
            assertThat(b.oneOf("kind", true, Set.of("web", "pos", "app"))).isNull();
            assertOnlyError(b, "kind", "field.not_allowed");
            assertThat(b.errors().get(0).message()).isEqualTo("kind must be one of [app, pos, web]");
        }
    }

    // ---- integers and booleans -------------------------------------------------------------------------------

    @Nested
    class StringArrays {
        @Test
        void anArrayOfStrings() {
            Body b = body("{'events':['order.created','*']}");
            assertThat(b.strings("events", true, 1, 5, 64)).containsExactly("order.created", "*");
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void eachBadEntryIsAnErrorAtItsIndex() {
            Body b = body("{'events':['ok', 5, ' ', 'xxxxxxxxxx']}");
            assertThat(b.strings("events", true, 1, 5, 5)).containsExactly("ok");
            assertThat(fields(b)).containsExactly("events[1]", "events[2]", "events[3]");
            assertThat(b.errors()).extracting(FieldError::code).containsExactly("field.type", "field.type", "field.too_long");
        }

        @Test
        void sizeTypeAndPresence() {
            assertOnlyError(withStrings("{'events':[]}"), "events", "field.too_few");
            assertOnlyError(withStrings("{'events':['a','b','c','d','e','f']}"), "events", "field.too_many");
            assertOnlyError(withStrings("{'events':'order.created'}"), "events", "field.type");
            assertOnlyError(withStrings("{}"), "events", "field.required");
        }

        private Body withStrings(String json) {
            Body b = body(json);
            b.strings("events", true, 1, 5, 64);
            return b;
        }
    }

    @Nested
    class Integers {
        @Test
        void integerInRange() {
            Body b = body("{'n':7}");
            assertThat(b.integer("n", true, 1, 10)).isEqualTo(7L);
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void boundsAreInclusive() {
            Body b = body("{'lo':1,'hi':10}");
            assertThat(b.integer("lo", true, 1, 10)).isEqualTo(1L);
            assertThat(b.integer("hi", true, 1, 10)).isEqualTo(10L);
            assertThat(b.errors()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"'5'", "1.5", "1.0", "2e3", "true", "[1]", "{}"})
        void nonIntegersAreTypeErrors(String v) {
            Body b = body("{'n':" + v + "}");
            assertThat(b.integer("n", true, 0, Long.MAX_VALUE)).isNull();
            assertOnlyError(b, "n", "field.type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "-1000"})
        void zeroAndNegativeQuantityAreNotPositive(String v) {
            Body b = body("{'quantity':" + v + "}");
            assertThat(b.integer("quantity", true, 1, 1000)).isNull();
            assertOnlyError(b, "quantity", "quantity.not_positive");
        }

        @Test
        void aboveMaximumIsOutOfRange() {
            Body b = body("{'quantity':1001}");
            assertThat(b.integer("quantity", true, 1, 1000)).isNull();
            assertOnlyError(b, "quantity", "field.out_of_range");
            assertThat(b.errors().get(0).message()).isEqualTo("quantity must be between 1 and 1000");
        }

        @Test
        void belowNonZeroMinimumOtherThanOneIsOutOfRange() {
            Body b = body("{'rate':-1}");
            assertThat(b.integer("rate", true, 0, 10_000)).isNull();
            assertOnlyError(b, "rate", "field.out_of_range");
        }
        @Test
        void nonQuantityFieldBelowOneIsOutOfRangeNotQuantityNotPositive() {
            Body b = body("{'version':0}");
            assertThat(b.integer("version", false, 1, Long.MAX_VALUE)).isNull();
            assertOnlyError(b, "version", "field.out_of_range");
        }

        @Test
        void missingRequiredInteger() {
            Body b = body("{'n':null}");
            assertThat(b.integer("n", true, 0, 5)).isNull();
            assertOnlyError(b, "n", "field.required");
        }

        @Test
        void missingOptionalInteger() {
            Body b = body("{}");
            assertThat(b.integer("n", false, 0, 5)).isNull();
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void booleans() {
            Body b = body("{'a':true,'b':false,'c':'true','d':1}");
            assertThat(b.bool("a", true)).isTrue();
            assertThat(b.bool("b", true)).isFalse();
            assertThat(b.bool("c", true)).isNull();
            assertThat(b.bool("d", true)).isNull();
            assertThat(b.bool("e", true)).isNull();
            assertThat(b.bool("f", false)).isNull();
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("c", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("d", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("e", "field.required"));
        }

        @Test
        void integersListReportsEachBadEntryAtItsIndex() {
            Body b = body("{'quantities':[2,'x',0,1.5,-4,3]}");
            assertThat(b.integers("quantities", true, 2, 10, 1, 100)).containsExactly(2L, 3L);
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("quantities[1]", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("quantities[2]", "quantity.not_positive"),
                    org.assertj.core.groups.Tuple.tuple("quantities[3]", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("quantities[4]", "quantity.not_positive"));
        }

        @Test
        void integersListSizeLimits() {
            Body b = body("{'few':[1],'many':[1,2,3,4],'notArray':5}");
            assertThat(b.integers("few", true, 2, 3, 1, 100)).isNull();
            assertThat(b.integers("many", true, 2, 3, 1, 100)).isNull();
            assertThat(b.integers("notArray", true, 2, 3, 1, 100)).isNull();
            assertThat(b.integers("missing", true, 2, 3, 1, 100)).isNull();
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("few", "field.size"),
                    org.assertj.core.groups.Tuple.tuple("many", "field.size"),
                    org.assertj.core.groups.Tuple.tuple("notArray", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("missing", "field.required"));
        }
    }

    // ---- money --------------------------------------------------------------------------------------------------

    @Nested
    class Money_ {
        @Test
        void validMoney() {
            Body b = body("{'price':{'amount':4995,'currency':'GBP'}}");
            assertThat(b.money("price", true, "GBP")).isEqualTo(Money.of(4995, "GBP"));
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void zeroAmountIsAllowed() {
            Body b = body("{'price':{'amount':0,'currency':'JPY'}}");
            assertThat(b.money("price", true, null)).isEqualTo(Money.of(0, "JPY"));
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void extraFieldInMoneyIsUnknown() {
            Body b = body("{'price':{'amount':4995,'currency':'GBP','decimals':2}}");
            b.money("price", true, "GBP");
            assertOnlyError(b, "price.decimals", "field.unknown");
        }

        @Test
        void missingAmountAndCurrency() {
            Body b = body("{'price':{}}");
            assertThat(b.money("price", true, null)).isNull();
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("price.amount", "field.required"),
                    org.assertj.core.groups.Tuple.tuple("price.currency", "field.required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"49.95", "'4995'", "1e2", "true"})
        void amountMustBeAnInteger(String amount) {
            Body b = body("{'price':{'amount':" + amount + ",'currency':'GBP'}}");
            assertThat(b.money("price", true, null)).isNull();
            assertOnlyError(b, "price.amount", "field.type");
        }

        @Test
        void negativeAmountIsOutOfRange() {
            Body b = body("{'price':{'amount':-1,'currency':'GBP'}}");
            assertThat(b.money("price", true, null)).isNull();
            assertOnlyError(b, "price.amount", "field.out_of_range");
        }

        @Test
        void hugeAmountIsOutOfRange() {
            Body b = body("{'price':{'amount':100000000000001,'currency':'GBP'}}");
            assertThat(b.money("price", true, null)).isNull();
            assertOnlyError(b, "price.amount", "field.out_of_range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XYZ", "gbp", "ABC", "G1P"})
        void unknownCurrency(String currency) {
            Body b = body("{'price':{'amount':100,'currency':'" + currency + "'}}");
            assertThat(b.money("price", true, null)).isNull();
            assertOnlyError(b, "price.currency", "currency.unknown");
        }

        @Test
        void currencyLongerThanThreeIsTooLong() {
            Body b = body("{'price':{'amount':100,'currency':'GBPX'}}");
            assertThat(b.money("price", true, null)).isNull();
            assertOnlyError(b, "price.currency", "field.too_long");
        }

        @Test
        void currencyMustEqualTheExpectedOne() {
            Body b = body("{'price':{'amount':100,'currency':'EUR'}}");
            assertThat(b.money("price", true, "GBP")).isNull();
            assertOnlyError(b, "price.currency", "currency.mismatch");
            assertThat(b.errors().get(0).message()).contains("EUR").contains("GBP");
        }

        @Test
        void anyKnownCurrencyWithoutExpectation() {
            Body b = body("{'price':{'amount':100,'currency':'EUR'}}");
            assertThat(b.money("price", true, null)).isEqualTo(Money.of(100, "EUR"));
        }

        @Test
        void moneyMustBeAnObject() {
            Body b = body("{'price':4995}");
            assertThat(b.money("price", true, "GBP")).isNull();
            assertOnlyError(b, "price", "field.type");
        }

        @Test
        void requiredMoneyMissing() {
            Body b = body("{}");
            assertThat(b.money("price", true, "GBP")).isNull();
            assertOnlyError(b, "price", "field.required");
            Body opt = body("{}");
            assertThat(opt.money("price", false, "GBP")).isNull();
            assertThat(opt.errors()).isEmpty();
        }
    }

    // ---- nested objects and arrays ---------------------------------------------------------------------------

    @Nested
    class Nesting {
        @Test
        void nestedPathsNameTheExactEntry() {
            Body b = body("{'items':["
                    + "{'sku':'A','quantity':1,'unit_price':{'amount':100,'currency':'GBP'}},"
                    + "{'sku':'B','quantity':0,'unit_price':{'amount':100,'currency':'GBP'}},"
                    + "{'sku':'C','quantity':2,'unit_price':{'amount':-5,'currency':'GBP'},'colour':'red'}]}");
            List<Body> items = b.objects("items", true, 1, 10);
            assertThat(items).hasSize(3);
            for (Body item : items) {
                item.allow("sku", "quantity", "unit_price");
                item.string("sku", true, 64);
                item.integer("quantity", true, 1, 1000);
                item.money("unit_price", true, "GBP");
            }
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("items[1].quantity", "quantity.not_positive"),
                    org.assertj.core.groups.Tuple.tuple("items[2].colour", "field.unknown"),
                    org.assertj.core.groups.Tuple.tuple("items[2].unit_price.amount", "field.out_of_range"));
        }

        @Test
        void objectsTooMany() {
            Body b = body("{'items':[{},{},{}]}");
            assertThat(b.objects("items", true, 1, 2)).isNull();
            assertOnlyError(b, "items", "field.too_many");
            assertThat(b.errors().get(0).message()).isEqualTo("items must have between 1 and 2 entries");
        }

        @Test
        void objectsTooFew() {
            Body b = body("{'items':[]}");
            assertThat(b.objects("items", true, 1, 2)).isNull();
            assertOnlyError(b, "items", "field.too_few");
        }

        @Test
        void objectsAtTheLimitsAreAccepted() {
            Body b = body("{'one':[{}],'two':[{},{}]}");
            assertThat(b.objects("one", true, 1, 2)).hasSize(1);
            assertThat(b.objects("two", true, 1, 2)).hasSize(2);
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void objectsNotAnArray() {
            Body b = body("{'items':{}}");
            assertThat(b.objects("items", true, 1, 2)).isNull();
            assertOnlyError(b, "items", "field.type");
        }

        @Test
        void objectsEntriesMustBeObjects() {
            Body b = body("{'items':[{},5,'x']}");
            assertThat(b.objects("items", true, 1, 5)).hasSize(1);
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("items[1]", "field.type"),
                    org.assertj.core.groups.Tuple.tuple("items[2]", "field.type"));
        }

        @Test
        void objectsNestedInsideAnObject() {
            Body b = body("{'batch':{'lines':[{},{'q':'x'}]}}");
            List<Body> lines = b.object("batch", true).objects("lines", true, 1, 5);
            lines.get(1).integer("q", true, 1, 5);
            assertOnlyError(b, "batch.lines[1].q", "field.type");
        }

        @Test
        void objectMustBeAnObject() {
            Body b = body("{'o':[1]}");
            assertThat(b.object("o", true)).isNull();
            assertOnlyError(b, "o", "field.type");
        }
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    @Nested
    class Metadata_ {
        private String metadataWith(int keys) {
            return IntStream.range(0, keys).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",", "{\"metadata\":{", "}}"));
        }

        @Test
        void stringValuesAreRead() {
            Body b = body("{'metadata':{'a':'1','b':'two'}}");
            assertThat(b.metadata("metadata", false)).containsExactly(Map.entry("a", "1"), Map.entry("b", "two"));
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void absentMetadataIsNull() {
            Body b = body("{}");
            assertThat(b.metadata("metadata", false)).isNull();
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void fiftyKeysAreAllowed() {
            Body b = Body.parse(metadataWith(50));
            assertThat(b.metadata("metadata", false)).hasSize(50);
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void fiftyOneKeysAreTooMany() {
            Body b = Body.parse(metadataWith(51));
            assertThat(b.metadata("metadata", false)).isNull();
            assertOnlyError(b, "metadata", "metadata.too_many_keys");
        }

        @Test
        void keyLengthLimit() {
            String ok = "k".repeat(40);
            String tooLong = "k".repeat(41);
            Body b = body("{'metadata':{'" + ok + "':'v','" + tooLong + "':'v','':'v'}}");
            assertThat(b.metadata("metadata", false)).containsOnlyKeys(ok);
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("metadata." + tooLong, "metadata.key_invalid"),
                    org.assertj.core.groups.Tuple.tuple("metadata.", "metadata.key_invalid"));
        }

        @Test
        void valueLengthLimit() {
            String ok = "v".repeat(500);
            String tooLong = "v".repeat(501);
            Body b = body("{'metadata':{'a':'" + ok + "','b':'" + tooLong + "'}}");
            assertThat(b.metadata("metadata", false)).containsExactly(Map.entry("a", ok));
            assertOnlyError(b, "metadata.b", "field.too_long");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "{}", "[]", "1.5"})
        void nonStringValuesAreRefused(String v) {
            Body b = body("{'metadata':{'a':" + v + "}}");
            assertThat(b.metadata("metadata", true)).isEmpty();
            assertOnlyError(b, "metadata.a", "field.type");
        }

        @Test
        void nullValueIsRefusedWithoutRemovals() {
            Body b = body("{'metadata':{'a':null}}");
            assertThat(b.metadata("metadata", false)).isEmpty();
            assertOnlyError(b, "metadata.a", "field.type");
        }

        @Test
        void nullValueMeansRemoveWhenRemovalsAreAllowed() {
            Body b = body("{'metadata':{'a':null,'b':'x'}}");
            Map<String, String> m = b.metadata("metadata", true);
            assertThat(m).containsEntry("a", null).containsEntry("b", "x").hasSize(2);
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void metadataMustBeAnObject() {
            Body b = body("{'metadata':['a']}");
            assertThat(b.metadata("metadata", false)).isNull();
            assertOnlyError(b, "metadata", "field.type");
        }

        @Test
        void nestedMetadataPath() {
            Body b = body("{'items':[{'metadata':{'k':5}}]}");
            b.objects("items", true, 1, 5).get(0).metadata("metadata", false);
            assertOnlyError(b, "items[0].metadata.k", "field.type");
        }
    }

    // ---- addresses --------------------------------------------------------------------------------------------

    @Nested
    class Addresses {
        private static final String VALID = "{'name':'Ada Lovelace','company':'Analytical Ltd','line1':'1 Main St','line2':'Flat 2',"
                + "'city':'London','region':'Greater London','postal_code':'N1 1AA','country':'GB','phone':'+44 20 7946 0000',"
                + "'email':'ada@example.com'}";

        @Test
        void validAddress() {
            Body b = body("{'shipping_address':" + VALID + "}");
            assertThat(b.address("shipping_address", true)).isEqualTo(new Address("Ada Lovelace", "Analytical Ltd", "1 Main St",
                    "Flat 2", "London", "Greater London", "N1 1AA", "GB", "+44 20 7946 0000", "ada@example.com"));
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void minimalAddress() {
            Body b = body("{'a':{'name':'N','line1':'L','city':'C','country':'US'}}");
            assertThat(b.address("a", true)).isEqualTo(new Address("N", null, "L", null, "C", null, null, "US", null, null));
            assertThat(b.errors()).isEmpty();
        }

        @Test
        void requiredAddressFieldsAndUnknownField() {
            Body b = body("{'a':{'street':'x'}}");
            b.address("a", true);
            assertThat(b.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("a.street", "field.unknown"),
                    org.assertj.core.groups.Tuple.tuple("a.name", "field.required"),
                    org.assertj.core.groups.Tuple.tuple("a.line1", "field.required"),
                    org.assertj.core.groups.Tuple.tuple("a.city", "field.required"),
                    org.assertj.core.groups.Tuple.tuple("a.country", "field.required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "gb", "ZZ", "G"})
        void unknownCountry(String country) {
            Body b = body("{'a':{'name':'N','line1':'L','city':'C','country':'" + country + "'}}");
            b.address("a", true);
            assertOnlyError(b, "a.country", "country.unknown");
        }

        @Test
        void alpha3CountryIsTooLong() {
            Body b = body("{'a':{'name':'N','line1':'L','city':'C','country':'GBR'}}");
            b.address("a", true);
            assertOnlyError(b, "a.country", "field.too_long");
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-an-email", "a@b", "a b@c.de", "@example.com", "a@@b.com"})
        void invalidEmail(String email) {
            Body b = body("{'a':{'name':'N','line1':'L','city':'C','country':'FR','email':'" + email + "'}}");
            b.address("a", true);
            assertOnlyError(b, "a.email", "email.invalid");
        }

        @Test
        void tooLongAddressField() {
            Body b = body("{'a':{'name':'N','line1':'L','city':'C','country':'FR','postal_code':'" + "9".repeat(21) + "'}}");
            b.address("a", true);
            assertOnlyError(b, "a.postal_code", "field.too_long");
        }

        @Test
        void optionalAddressMissing() {
            Body b = body("{}");
            assertThat(b.address("billing_address", false)).isNull();
            assertThat(b.errors()).isEmpty();
        }
    }
}
