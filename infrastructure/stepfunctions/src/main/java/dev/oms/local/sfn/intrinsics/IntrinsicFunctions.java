package dev.oms.local.sfn.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evaluates the intrinsic functions of the States Language. Any failure (wrong argument count or type, a path that
 * selects nothing, bad JSON, ...) is a {@code States.IntrinsicFailure}.
 */
public final class IntrinsicFunctions {
    private static final Set<String> KNOWN = Set.of(
            "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
            "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength",
            "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge",
            "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");
    private static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");
    private static final int MAX_ARRAY_RANGE = 1000;
    private static final int MAX_ENCODE_LENGTH = 10_000;

    private IntrinsicFunctions() {
    }

    public static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    /** Parses and evaluates an intrinsic expression. */
    public static JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
        IntrinsicArgument.Call call;
        try {
            call = IntrinsicParser.parse(expression);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
        return evaluate(call, input, context);
    }

    public static JsonNode evaluate(IntrinsicArgument.Call call, JsonNode input, JsonNode context) {
        List<JsonNode> args = new ArrayList<>();
        for (IntrinsicArgument argument : call.arguments()) {
            args.add(valueOf(argument, input, context));
        }
        Arguments a = new Arguments(call.name(), args);
        return switch (call.name()) {
            case "States.Format" -> format(call, a);
            case "States.StringToJson" -> stringToJson(a);
            case "States.JsonToString" -> {
                a.count(1);
                yield TextNode.valueOf(Json.write(a.get(0)));
            }
            case "States.Array" -> {
                ArrayNode array = Json.MAPPER.createArrayNode();
                args.forEach(array::add);
                yield array;
            }
            case "States.ArrayPartition" -> arrayPartition(a);
            case "States.ArrayContains" -> {
                a.count(2);
                ArrayNode array = a.array(0);
                boolean found = false;
                for (JsonNode item : array) {
                    found |= Json.sameValue(item, a.get(1));
                }
                yield BooleanNode.valueOf(found);
            }
            case "States.ArrayRange" -> arrayRange(a);
            case "States.ArrayGetItem" -> {
                a.count(2);
                ArrayNode array = a.array(0);
                long index = a.integer(1);
                if (index < 0 || index >= array.size()) {
                    throw failure("States.ArrayGetItem: index " + index + " is outside the array of " + array.size());
                }
                yield array.get((int) index);
            }
            case "States.ArrayLength" -> {
                a.count(1);
                yield IntNode.valueOf(a.array(0).size());
            }
            case "States.ArrayUnique" -> arrayUnique(a);
            case "States.Base64Encode" -> {
                a.count(1);
                String text = a.text(0);
                checkLength(call.name(), text);
                yield TextNode.valueOf(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode" -> base64Decode(a);
            case "States.Hash" -> hash(a);
            case "States.JsonMerge" -> jsonMerge(a);
            case "States.MathRandom" -> mathRandom(a);
            case "States.MathAdd" -> mathAdd(a);
            case "States.StringSplit" -> stringSplit(a);
            case "States.UUID" -> {
                a.count(0);
                yield TextNode.valueOf(UUID.randomUUID().toString());
            }
            default -> throw failure("unknown intrinsic function " + call.name());
        };
    }

    private static JsonNode valueOf(IntrinsicArgument argument, JsonNode input, JsonNode context) {
        if (argument instanceof IntrinsicArgument.Call nested) {
            return evaluate(nested, input, context);
        }
        if (argument instanceof IntrinsicArgument.Text text) {
            return TextNode.valueOf(text.value());
        }
        if (argument instanceof IntrinsicArgument.Literal literal) {
            return literal.value();
        }
        String path = ((IntrinsicArgument.Path) argument).path();
        try {
            return JsonPaths.read(path, input, context);
        } catch (PathNotFoundException e) {
            throw failure(e.getMessage());
        }
    }

    private static JsonNode format(IntrinsicArgument.Call call, Arguments a) {
        if (a.size() < 1) {
            throw failure("States.Format needs a template string");
        }
        // A literal template keeps its escapes so that \{ and \} are braces, not placeholders.
        String template = call.arguments().get(0) instanceof IntrinsicArgument.Text literal
                ? literal.raw()
                : escapeBackslashes(a.text(0));
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= a.size()) {
                    throw failure("States.Format has more placeholders than arguments");
                }
                out.append(formatValue(a.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != a.size()) {
            throw failure("States.Format has more arguments than placeholders");
        }
        return TextNode.valueOf(out.toString());
    }

    private static String escapeBackslashes(String text) {
        return text.replace("\\", "\\\\");
    }

    private static String formatValue(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.asText() : value.decimalValue().toPlainString();
        }
        if (value.isBoolean() || value.isNull()) {
            return value.asText();
        }
        throw failure("States.Format accepts strings, numbers, booleans and null, not " + Json.write(value));
    }

    private static JsonNode stringToJson(Arguments a) {
        a.count(1);
        try {
            return Json.parse(a.text(0));
        } catch (IllegalArgumentException e) {
            throw failure("States.StringToJson: the string is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode arrayPartition(Arguments a) {
        a.count(2);
        ArrayNode array = a.array(0);
        long size = a.integer(1);
        if (size <= 0) {
            throw failure("States.ArrayPartition: the chunk size must be a positive integer");
        }
        ArrayNode result = Json.MAPPER.createArrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = result.addArray();
            }
            chunk.add(array.get(i));
        }
        return result;
    }

    private static JsonNode arrayRange(Arguments a) {
        a.count(3);
        long start = a.integer(0);
        long end = a.integer(1);
        long step = a.integer(2);
        if (step == 0) {
            throw failure("States.ArrayRange: the step must not be 0");
        }
        ArrayNode result = Json.MAPPER.createArrayNode();
        for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
            if (result.size() == MAX_ARRAY_RANGE) {
                throw failure("States.ArrayRange: the result would have more than " + MAX_ARRAY_RANGE + " items");
            }
            result.add(value);
        }
        return result;
    }

    private static JsonNode arrayUnique(Arguments a) {
        a.count(1);
        ArrayNode result = Json.MAPPER.createArrayNode();
        for (JsonNode item : a.array(0)) {
            boolean seen = false;
            for (JsonNode kept : result) {
                seen |= Json.sameValue(kept, item);
            }
            if (!seen) {
                result.add(item);
            }
        }
        return result;
    }

    private static JsonNode base64Decode(Arguments a) {
        a.count(1);
        String text = a.text(0);
        checkLength("States.Base64Decode", text);
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw failure("States.Base64Decode: not Base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(Arguments a) {
        a.count(2);
        JsonNode data = a.get(0);
        String text = data.isTextual() ? data.textValue() : Json.write(data);
        checkLength("States.Hash", text);
        String algorithm = HASH_ALGORITHMS.get(a.text(1));
        if (algorithm == null) {
            throw failure("States.Hash: unsupported algorithm '" + a.text(1) + "'; use one of " + HASH_ALGORITHMS.keySet());
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw failure("States.Hash: " + algorithm + " is not available in this JVM");
        }
    }

    private static JsonNode jsonMerge(Arguments a) {
        a.count(3);
        ObjectNode first = a.object(0);
        ObjectNode second = a.object(1);
        if (!a.get(2).isBoolean()) {
            throw failure("States.JsonMerge: the third argument must be a boolean");
        }
        if (a.get(2).booleanValue()) {
            throw failure("States.JsonMerge: only the shallow merge (false) is supported, as in AWS");
        }
        ObjectNode merged = first.deepCopy();
        merged.setAll(second.deepCopy());
        return merged;
    }

    private static JsonNode mathRandom(Arguments a) {
        if (a.size() != 2 && a.size() != 3) {
            throw failure("States.MathRandom takes a start, an end and an optional seed");
        }
        long start = a.integer(0);
        long end = a.integer(1);
        if (end < start) {
            throw failure("States.MathRandom: the end must not be less than the start");
        }
        Random random = a.size() == 3 ? new Random(a.integer(2)) : ThreadLocalRandom.current();
        long value = start + (long) Math.floor(random.nextDouble() * (end - start + 1));
        return LongNode.valueOf(value);
    }

    private static JsonNode mathAdd(Arguments a) {
        a.count(2);
        JsonNode first = a.number(0);
        JsonNode second = a.number(1);
        if (Json.isIntegral(first) && Json.isIntegral(second)) {
            return LongNode.valueOf(Math.addExact(first.decimalValue().longValue(), second.decimalValue().longValue()));
        }
        return DecimalNode.valueOf(first.decimalValue().add(second.decimalValue()));
    }

    private static JsonNode stringSplit(Arguments a) {
        a.count(2);
        String text = a.text(0);
        String delimiters = a.text(1);
        ArrayNode result = Json.MAPPER.createArrayNode();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                if (current.length() > 0) {
                    result.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            result.add(current.toString());
        }
        return result;
    }

    private static void checkLength(String function, String text) {
        if (text.length() > MAX_ENCODE_LENGTH) {
            throw failure(function + ": the input has more than " + MAX_ENCODE_LENGTH + " characters");
        }
    }

    static StatesError failure(String cause) {
        return new StatesError(ErrorNames.INTRINSIC_FAILURE, cause);
    }

    /** Typed access to evaluated arguments with the failure messages of the States Language. */
    private record Arguments(String function, List<JsonNode> values) {
        int size() {
            return values.size();
        }

        JsonNode get(int index) {
            return values.get(index);
        }

        void count(int expected) {
            if (values.size() != expected) {
                throw failure(function + " takes " + expected + " argument(s), got " + values.size());
            }
        }

        String text(int index) {
            JsonNode value = values.get(index);
            if (!value.isTextual()) {
                throw failure(function + ": argument " + (index + 1) + " must be a string, got " + Json.write(value));
            }
            return value.textValue();
        }

        ArrayNode array(int index) {
            JsonNode value = values.get(index);
            if (!value.isArray()) {
                throw failure(function + ": argument " + (index + 1) + " must be an array, got " + Json.write(value));
            }
            return (ArrayNode) value;
        }

        ObjectNode object(int index) {
            JsonNode value = values.get(index);
            if (!value.isObject()) {
                throw failure(function + ": argument " + (index + 1) + " must be an object, got " + Json.write(value));
            }
            return (ObjectNode) value;
        }

        JsonNode number(int index) {
            JsonNode value = values.get(index);
            if (!value.isNumber()) {
                throw failure(function + ": argument " + (index + 1) + " must be a number, got " + Json.write(value));
            }
            return value;
        }

        long integer(int index) {
            JsonNode value = number(index);
            if (!Json.isIntegral(value)) {
                throw failure(function + ": argument " + (index + 1) + " must be an integer, got " + Json.write(value));
            }
            try {
                return value.decimalValue().longValueExact();
            } catch (ArithmeticException e) {
                throw failure(function + ": argument " + (index + 1) + " is out of range");
            }
        }
    }
}
