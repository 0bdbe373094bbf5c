package dev.oms.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema 2020-12 the contract uses, checked with the OMS's field error codes (the same codes the
 * handlers' readers use): {@code field.required}, {@code field.unknown}, {@code field.type}, {@code field.blank},
 * {@code field.too_long}, {@code field.too_short}, {@code field.not_allowed}, {@code field.out_of_range}
 * ({@code quantity.not_positive} for a quantity under 1), {@code field.too_many}, {@code field.too_few},
 * {@code field.format}, {@code field.invalid}.
 *
 * <p>Two deliberate differences from plain JSON Schema, both stricter: an object schema without
 * {@code additionalProperties} is closed (an undeclared property is {@code field.unknown}), so a contract can never
 * forget to refuse unknown fields nor forget to document a field it answers; and a string with {@code minLength: 1}
 * must not be blank. For requests ({@link #forRequests()}), an explicit {@code null} for an optional property counts
 * as leaving it out. Keywords: type, enum, const, properties, required, additionalProperties, items, minItems,
 * maxItems, uniqueItems, minLength, maxLength, pattern, format (date-time, date), minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum, minProperties, maxProperties, oneOf, anyOf, allOf and local $ref.
 */
public final class SchemaValidator {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final Function<String, JsonNode> refs;
    private final boolean nullIsAbsent;

    /** @param refs resolves a local {@code $ref} such as {@code #/components/schemas/Money} (null when schemas have none) */
    public SchemaValidator(Function<String, JsonNode> refs) { this(refs, false); }

    private SchemaValidator(Function<String, JsonNode> refs, boolean nullIsAbsent) {
        this.refs = refs;
        this.nullIsAbsent = nullIsAbsent;
    }

    /**
     * A validator of requests, whose schemas had their references inlined (the per-route request rules). As the
     * handlers always did, an explicit {@code null} for an optional property reads as the property left out.
     */
    public static SchemaValidator forRequests() { return new SchemaValidator(null, true); }

    public List<Violation> validate(JsonNode schema, JsonNode value, String path) {
        List<Violation> out = new ArrayList<>();
        check(schema, value, path, out, true);
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        int depth = 0;
        while (schema != null && schema.has("$ref")) {
            if (refs == null || ++depth > 32) throw new IllegalStateException("unresolvable $ref " + schema.get("$ref"));
            JsonNode target = refs.apply(schema.get("$ref").asText());
            if (target == null) throw new IllegalStateException("unknown $ref " + schema.get("$ref"));
            schema = target;
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<Violation> out, boolean closeObjects) {
        schema = resolve(schema);
        if (schema == null || schema.isBoolean() && schema.booleanValue()) return;
        if (schema.isBoolean()) { out.add(new Violation(path, "field.unknown", "Unknown field " + name(path))); return; }

        if (schema.has("allOf")) {
            Set<String> declared = new HashSet<>(declaredProperties(schema));
            for (JsonNode part : schema.get("allOf")) declared.addAll(declaredProperties(resolve(part)));
            for (JsonNode part : schema.get("allOf")) check(part, value, path, out, false);
            if (closeObjects && value.isObject() && !schema.has("additionalProperties")) {
                boolean anyOpen = false;
                for (JsonNode part : schema.get("allOf")) anyOpen |= resolve(part).has("additionalProperties");
                if (!anyOpen) unknownFields(value, declared, path, out);
            }
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            boolean one = schema.has("oneOf");
            JsonNode options = schema.get(one ? "oneOf" : "anyOf");
            int matched = 0;
            List<Violation> best = null;
            for (JsonNode option : options) {
                List<Violation> v = new ArrayList<>();
                check(option, value, path, v, closeObjects);
                if (v.isEmpty()) matched++;
                else if (best == null || v.size() < best.size()) best = v;
            }
            if (matched == 0) {
                if (best != null && options.size() == 1) out.addAll(best);
                else if (best != null && best.stream().allMatch(x -> !x.field().equals(path))) out.addAll(best);
                else out.add(new Violation(path, "field.invalid", name(path) + " matches none of the allowed shapes"));
                return;
            }
            if (one && matched > 1) {
                out.add(new Violation(path, "field.invalid", name(path) + " matches more than one of the allowed shapes"));
                return;
            }
        }

        if (!typeMatches(schema.get("type"), value)) {
            out.add(new Violation(path, "field.type", name(path) + " must be " + typeWords(schema.get("type"))));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(new Violation(path, "field.not_allowed", name(path) + " must be " + schema.get("const")));
            return;
        }
        if (schema.has("enum") && !value.isNull() && !contains(schema.get("enum"), value)) {
            out.add(new Violation(path, "field.not_allowed", name(path) + " must be one of " + enumWords(schema.get("enum"))));
            return;
        }
        // a oneOf/anyOf/allOf wrapper without properties of its own leaves closing the object to its branches
        boolean wrapper = (schema.has("oneOf") || schema.has("anyOf") || schema.has("allOf")) && !schema.has("properties");
        if (value.isTextual()) checkString(schema, value.textValue(), path, out);
        else if (value.isNumber()) checkNumber(schema, value, path, out);
        else if (value.isArray()) checkArray(schema, value, path, out, closeObjects);
        else if (value.isObject()) checkObject(schema, value, path, out, closeObjects && !schema.has("allOf") && !wrapper);
    }

    private void checkString(JsonNode schema, String s, String path, List<Violation> out) {
        if (schema.has("minLength") && schema.get("minLength").asInt() >= 1 && s.isBlank()) {
            out.add(new Violation(path, "field.blank", name(path) + " must not be blank"));
            return;
        }
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            out.add(new Violation(path, "field.too_long", name(path) + " must be at most " + schema.get("maxLength").asInt() + " characters"));
            return;
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(new Violation(path, "field.too_short", name(path) + " must be at least " + schema.get("minLength").asInt() + " characters"));
            return;
        }
        if (schema.has("pattern")) {
            Pattern p = PATTERNS.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile);
            if (!p.matcher(s).find()) {
                out.add(new Violation(path, "field.format", name(path) + " must match " + p.pattern()));
                return;
            }
        }
        String format = schema.path("format").asText("");
        if (format.equals("date-time") && !isDateTime(s)) {
            out.add(new Violation(path, "field.format", name(path) + " must be an RFC 3339 time such as 2026-08-29T12:00:00Z"));
        } else if (format.equals("date") && !isDate(s)) {
            out.add(new Violation(path, "field.format", name(path) + " must be a date such as 2026-08-29"));
        }
    }

    private static void checkNumber(JsonNode schema, JsonNode n, String path, List<Violation> out) {
        double v = n.doubleValue();
        boolean low = schema.has("minimum") && compare(n, schema.get("minimum")) < 0
                || schema.has("exclusiveMinimum") && compare(n, schema.get("exclusiveMinimum")) <= 0;
        boolean high = schema.has("maximum") && compare(n, schema.get("maximum")) > 0
                || schema.has("exclusiveMaximum") && compare(n, schema.get("exclusiveMaximum")) >= 0;
        if (!low && !high) return;
        String field = name(path);
        String code = field.equals("quantity") && v <= 0 ? "quantity.not_positive" : "field.out_of_range";
        String range = schema.has("minimum") && schema.has("maximum")
                ? " must be between " + schema.get("minimum").asText() + " and " + schema.get("maximum").asText()
                : low ? " must be at least " + schema.path("minimum").asText(schema.path("exclusiveMinimum").asText()) + (schema.has("minimum") ? "" : " (exclusive)")
                : " must be at most " + schema.path("maximum").asText(schema.path("exclusiveMaximum").asText()) + (schema.has("maximum") ? "" : " (exclusive)");
        out.add(new Violation(path, code, field + range));
    }

    private static int compare(JsonNode value, JsonNode bound) {
        if (value.isIntegralNumber() && bound.isIntegralNumber() && value.canConvertToLong() && bound.canConvertToLong()) {
            return Long.compare(value.longValue(), bound.longValue());
        }
        return value.decimalValue().compareTo(bound.decimalValue());
    }

    private void checkArray(JsonNode schema, JsonNode a, String path, List<Violation> out, boolean closeObjects) {
        if (schema.has("maxItems") && a.size() > schema.get("maxItems").asInt()) {
            out.add(new Violation(path, "field.too_many", name(path) + " must have at most " + schema.get("maxItems").asInt() + " entries"));
            return;
        }
        if (schema.has("minItems") && a.size() < schema.get("minItems").asInt()) {
            out.add(new Violation(path, "field.too_few", name(path) + " must have at least " + schema.get("minItems").asInt() + " entries"));
            return;
        }
        if (schema.path("uniqueItems").asBoolean(false) && new HashSet<>(toList(a)).size() != a.size()) {
            out.add(new Violation(path, "field.duplicate", name(path) + " must not repeat entries"));
            return;
        }
        if (schema.has("items")) {
            for (int i = 0; i < a.size(); i++) check(schema.get("items"), a.get(i), path + "[" + i + "]", out, closeObjects);
        }
    }

    private void checkObject(JsonNode schema, JsonNode o, String path, List<Violation> out, boolean closed) {
        if (schema.has("maxProperties") && o.size() > schema.get("maxProperties").asInt()) {
            out.add(new Violation(path, "field.too_many", name(path) + " must have at most " + schema.get("maxProperties").asInt() + " entries"));
            return;
        }
        if (schema.has("minProperties") && o.size() < schema.get("minProperties").asInt()) {
            out.add(new Violation(path, "field.too_few", name(path) + " must have at least " + schema.get("minProperties").asInt() + " entries"));
            return;
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            JsonNode v = o.get(r.asText());
            if (v == null) out.add(new Violation(at(path, r.asText()), "field.required", r.asText() + " is required"));
        }
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            JsonNode declared = properties.get(f.getKey());
            if (nullIsAbsent && f.getValue().isNull() && !isRequired(schema, f.getKey())) continue;
            if (declared != null) {
                check(declared, f.getValue(), at, out, true);
            } else if (additional != null && additional.isObject()) {
                check(additional, f.getValue(), at, out, true);
            } else if (additional == null ? closed : !additional.asBoolean(true)) {
                out.add(new Violation(at, "field.unknown", "Unknown field " + f.getKey()));
            }
        }
    }

    private static boolean isRequired(JsonNode schema, String field) {
        for (JsonNode r : schema.path("required")) if (r.asText().equals(field)) return true;
        return false;
    }

    private void unknownFields(JsonNode o, Set<String> declared, String path, List<Violation> out) {
        o.fieldNames().forEachRemaining(f -> {
            if (!declared.contains(f)) out.add(new Violation(at(path, f), "field.unknown", "Unknown field " + f));
        });
    }

    private Set<String> declaredProperties(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type == null) return true;
        if (type.isArray()) {
            for (JsonNode t : type) if (typeMatches(t, v)) return true;
            return false;
        }
        return switch (type.asText()) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    private static String typeWords(JsonNode type) {
        if (type.isArray()) {
            List<String> words = new ArrayList<>();
            for (JsonNode t : type) words.add(typeWords(t));
            return String.join(" or ", words);
        }
        return switch (type.asText()) {
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> type.asText();
        };
    }

    private static boolean contains(JsonNode values, JsonNode v) {
        for (JsonNode e : values) if (e.equals(v) || e.isNumber() && v.isNumber() && e.decimalValue().compareTo(v.decimalValue()) == 0) return true;
        return false;
    }

    private static String enumWords(JsonNode values) {
        List<String> words = new ArrayList<>();
        for (JsonNode e : values) words.add(e.isTextual() ? e.textValue() : e.toString());
        return words.toString();
    }

    private static List<JsonNode> toList(JsonNode a) {
        List<JsonNode> l = new ArrayList<>();
        a.forEach(l::add);
        return l;
    }

    static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String at(String path, String field) { return path.isEmpty() ? field : path + "." + field; }

    /** The last segment of a path ({@code items[2].quantity} -> {@code quantity}), for messages. */
    static String name(String path) {
        if (path.isEmpty()) return "the body";
        String p = path;
        while (p.endsWith("]")) p = p.substring(0, p.lastIndexOf('['));
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }
}
