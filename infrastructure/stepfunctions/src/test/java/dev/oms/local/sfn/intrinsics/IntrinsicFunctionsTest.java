package dev.oms.local.sfn.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicFunctionsTest {
    private static final JsonNode INPUT = Json.parse("""
        {"id": "o1", "name": "Ann", "n": 41, "price": 2.5, "nums": [1, 2, 3, 4, 5], "dups": [1, "1", 1.0, {"a": 1}, {"a": 1}],
         "obj": {"a": 1, "b": {"c": 2}}, "other": {"b": 3, "d": 4}, "json": "{\\"x\\": [1, {\\"y\\": null}]}",
         "csv": "a,b;c,,d", "empty": [], "template": "{} and {}", "weird": "it's {braces}"}""");
    private static final JsonNode CONTEXT = Json.parse("""
        {"Execution": {"Id": "arn:exec", "Name": "e1"}, "State": {"Name": "S", "RetryCount": 2}}""");

    private static JsonNode eval(String expression) {
        return IntrinsicFunctions.evaluate(expression, INPUT, CONTEXT);
    }

    private static void assertFails(String expression, String messagePart) {
        assertThatThrownBy(() -> eval(expression))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.INTRINSIC_FAILURE);
                    assertThat(e.cause()).contains(messagePart);
                });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "States.Format('Hello {}', $.name)                              | Hello Ann",
        "States.Format('{} costs {} ({})', $.id, $.price, true)         | o1 costs 2.5 (true)",
        "States.Format('null is {}', null)                             | null is null",
        "States.Format('esc \\{\\} \\' \\\\ {}', 1)                   | esc {} ' \\ 1",
        "States.Format($.template, 'x', 2)                             | x and 2",
        "States.Format('{}', $.weird)                                  | it's {braces}",
        "States.Format('exec {} state {}', $$.Execution.Name, $$.State.RetryCount) | exec e1 state 2",
        "States.JsonToString($.obj)                                    | {\"a\":1,\"b\":{\"c\":2}}",
        "States.Base64Encode('Hello, Step Functions!')                 | SGVsbG8sIFN0ZXAgRnVuY3Rpb25zIQ==",
        "States.Base64Decode('SGVsbG8sIFN0ZXAgRnVuY3Rpb25zIQ==')       | Hello, Step Functions!",
        "States.Hash('abc', 'MD5')                                     | 900150983cd24fb0d6963f7d28e17f72",
        "States.Hash('abc', 'SHA-1')                                   | a9993e364706816aba3e25717850c26c9cd0d89d",
        "States.Hash('abc', 'SHA-256')                                 | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "States.Hash('abc', 'SHA-384')                                 | cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        "States.Hash('abc', 'SHA-512')                                 | ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    })
    void producesStrings(String expression, String expected) {
        assertThat(eval(expression.trim()).textValue()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "States.Array()                                       | []",
        "States.Array('a', 1, -2.5, true, false, null, $.obj.b) | [\"a\", 1, -2.5, true, false, null, {\"c\": 2}]",
        "States.Array(States.Array(1), States.Array())        | [[1], []]",
        "States.ArrayPartition($.nums, 2)                     | [[1, 2], [3, 4], [5]]",
        "States.ArrayPartition($.empty, 3)                    | []",
        "States.ArrayContains($.nums, 3)                      | true",
        "States.ArrayContains($.nums, 6)                      | false",
        "States.ArrayContains($.dups, $.obj.b)                | false",
        "States.ArrayContains($.dups, States.StringToJson('{\"a\": 1}')) | true",
        "States.ArrayRange(1, 9, 2)                           | [1, 3, 5, 7, 9]",
        "States.ArrayRange(5, 0, -2)                          | [5, 3, 1]",
        "States.ArrayRange(1, 0, 1)                           | []",
        "States.ArrayGetItem($.nums, 4)                       | 5",
        "States.ArrayLength($.nums)                           | 5",
        "States.ArrayUnique($.dups)                           | [1, \"1\", {\"a\": 1}]",
        "States.StringToJson($.json)                          | {\"x\": [1, {\"y\": null}]}",
        "States.JsonMerge($.obj, $.other, false)              | {\"a\": 1, \"b\": 3, \"d\": 4}",
        "States.MathAdd($.n, 1)                               | 42",
        "States.MathAdd(-5, 3)                                | -2",
        "States.MathAdd($.price, 1)                           | 3.5",
        "States.StringSplit($.csv, ',;')                      | [\"a\", \"b\", \"c\", \"d\"]",
        "States.StringSplit('1 2  3', ' ')                    | [\"1\", \"2\", \"3\"]",
        "States.MathRandom(7, 7)                              | 7",
    })
    void producesJson(String expression, String expected) {
        JsonNode actual = eval(expression.trim());
        assertThat(Json.sameValue(actual, Json.parse(expected))).as("%s gave %s", expression, actual).isTrue();
    }

    @Test
    void nestsCalls() {
        assertThat(eval("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                + "States.StringSplit('arn:aws:imagebuilder:us-east-1:1:image/recipe/1.2.3', '/'), 2), '.'), 0), "
                + "States.ArrayLength(States.ArrayPartition(States.ArrayRange(1, 10, 1), 3)))").textValue())
                .isEqualTo("1.4");
        assertThat(eval("States.JsonToString(States.JsonMerge(States.StringToJson('{\"a\": 1}'), $.other, false))")
                .textValue()).isEqualTo("{\"a\":1,\"b\":3,\"d\":4}");
    }

    @Test
    void mathRandomStaysInRangeAndHonoursTheSeed() {
        for (int i = 0; i < 200; i++) {
            long value = eval("States.MathRandom(1, 10)").longValue();
            assertThat(value).isBetween(1L, 10L);
        }
        assertThat(eval("States.MathRandom(1, 1000, 42)")).isEqualTo(eval("States.MathRandom(1, 1000, 42)"));
    }

    @Test
    void uuidIsAVersion4Uuid() {
        String uuid = eval("States.UUID()").textValue();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(eval("States.UUID()").textValue()).isNotEqualTo(uuid);
    }

    @Test
    void failuresAreIntrinsicFailures() {
        assertFails("States.Format('{} {}', 1)", "more placeholders");
        assertFails("States.Format('{}', 1, 2)", "more arguments");
        assertFails("States.Format('{}', $.obj)", "accepts strings, numbers");
        assertFails("States.ArrayGetItem($.nums, 5)", "outside the array");
        assertFails("States.ArrayPartition($.nums, 0)", "positive integer");
        assertFails("States.ArrayRange(1, 2000, 1)", "more than 1000");
        assertFails("States.ArrayRange(1, 5, 0)", "must not be 0");
        assertFails("States.ArrayLength($.name)", "must be an array");
        assertFails("States.StringToJson('{nope')", "not JSON");
        assertFails("States.JsonMerge($.obj, $.other, true)", "shallow merge");
        assertFails("States.Hash('abc', 'SHA-3')", "unsupported algorithm");
        assertFails("States.Base64Decode('***')", "not Base64");
        assertFails("States.MathAdd($.name, 1)", "must be a number");
        assertFails("States.ArrayGetItem($.missing, 0)", "$.missing");
        assertFails("States.UUID(1)", "takes 0 argument");
        assertFails("States.Nope()", "unknown intrinsic function");
    }
}
