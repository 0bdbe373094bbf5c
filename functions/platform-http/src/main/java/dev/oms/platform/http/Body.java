package dev.oms.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Metadata;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validating reader over a JSON object. Each accessor checks type, presence and range and records a field error
 * (with its path, such as {@code items[2].unit_price.amount}) instead of throwing, so one response lists every
 * problem; {@link #check()} throws them all as {@code request.invalid}. Unknown fields are errors too.
 */
public final class Body {
    private static final Set<String> COUNTRIES = new HashSet<>(Arrays.asList(Locale.getISOCountries()));
    private static final Set<String> ADDRESS_FIELDS = Set.of("name", "company", "line1", "line2", "city", "region",
            "postal_code", "country", "phone", "email");

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    private Body(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** Parses a request body that must be a JSON object. */
    public static Body parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("request.body_required", "This request needs a JSON object body");
        }
        JsonNode n;
        try {
            n = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("request.malformed_json", "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw ApiProblem.badRequest("request.malformed_json", "The body must be a JSON object");
        return new Body(n, "", new ArrayList<>());
    }

    /** A body already parsed (a row of an import file). */
    public static Body of(JsonNode object) { return new Body(object, "", new ArrayList<>()); }

    /** An empty body reads as {@code {}}. */
    public static Body parseOptional(String text) {
        return text == null || text.isBlank() ? new Body(Json.object(), "", new ArrayList<>()) : parse(text);
    }

    public JsonNode node() { return node; }

    public boolean has(String field) { return node.has(field) && !node.get(field).isNull(); }

    /** Records an error for every field not in the list. */
    public Body allow(String... fields) {
        Set<String> allowed = Set.of(fields);
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) error(f, "field.unknown", "Unknown field " + f);
        });
        return this;
    }

    public void error(String field, String code, String message) { errors.add(new FieldError(at(field), code, message)); }

    public List<FieldError> errors() { return errors; }

    public void check() {
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    public String string(String field, boolean required, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isTextual()) { error(field, "field.type", field + " must be a string"); return null; }
        String s = v.textValue();
        if (s.isBlank()) { error(field, "field.blank", field + " must not be blank"); return null; }
        if (s.length() > maxLength) { error(field, "field.too_long", field + " must be at most " + maxLength + " characters"); return null; }
        return s;
    }

    /** An RFC 3339 time ({@code 2026-12-05T10:00:00Z}); a malformed one is {@code field.format}. */
    public java.time.Instant time(String field, boolean required) {
        String s = string(field, required, 40);
        if (s == null) return null;
        try {
            return java.time.Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            error(field, "field.format", field + " must be an RFC 3339 UTC time such as 2026-12-05T10:00:00Z");
            return null;
        }
    }

    /** A calendar date ({@code 2026-12-05}); a malformed one is {@code field.format}. */
    public java.time.LocalDate date(String field, boolean required) {
        String s = string(field, required, 10);
        if (s == null) return null;
        try {
            return java.time.LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            error(field, "field.format", field + " must be a date such as 2026-12-05");
            return null;
        }
    }

    public String oneOf(String field, boolean required, Set<String> values) {
        String s = string(field, required, 64);
        if (s != null && !values.contains(s)) {
            error(field, "field.not_allowed", field + " must be one of " + values.stream().sorted().toList());
            return null;
        }
        return s;
    }

    public Long integer(String field, boolean required, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) { error(field, "field.type", field + " must be an integer"); return null; }
        long n = v.longValue();
        if (n < min || n > max) {
            error(field, field.equals("quantity") && n <= 0 ? "quantity.not_positive" : "field.out_of_range", field + " must be between " + min + " and " + max);
            return null;
        }
        return n;
    }

    public Boolean bool(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isBoolean()) { error(field, "field.type", field + " must be true or false"); return null; }
        return v.booleanValue();
    }

    public Body object(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isObject()) { error(field, "field.type", field + " must be an object"); return null; }
        return new Body(v, at(field), errors);
    }

    public List<Body> objects(String field, boolean required, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isArray()) { error(field, "field.type", field + " must be an array"); return null; }
        if (v.size() < min || v.size() > max) {
            error(field, v.size() > max ? "field.too_many" : "field.too_few", field + " must have between " + min + " and " + max + " entries");
            return null;
        }
        List<Body> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isObject()) { errors.add(new FieldError(at(field) + "[" + i + "]", "field.type", "entries must be objects")); continue; }
            out.add(new Body(e, at(field) + "[" + i + "]", errors));
        }
        return out;
    }

    public List<Long> integers(String field, boolean required, int min, int max, long minValue, long maxValue) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isArray()) { error(field, "field.type", field + " must be an array of integers"); return null; }
        if (v.size() < min || v.size() > max) {
            error(field, "field.size", field + " must have between " + min + " and " + max + " entries");
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = at(field) + "[" + i + "]";
            if (!e.isIntegralNumber() || !e.canConvertToLong()) { errors.add(new FieldError(p, "field.type", "must be an integer")); continue; }
            if (e.longValue() < minValue || e.longValue() > maxValue) {
                errors.add(new FieldError(p, field.equals("quantities") && e.longValue() <= 0 ? "quantity.not_positive" : "field.out_of_range",
                        "must be between " + minValue + " and " + maxValue));
                continue;
            }
            out.add(e.longValue());
        }
        return out;
    }

    /** An array of {@code min} to {@code max} non-blank strings of at most {@code maxLength} characters each. */
    public List<String> strings(String field, boolean required, int min, int max, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, "field.required", field + " is required");
            return null;
        }
        if (!v.isArray()) { error(field, "field.type", field + " must be an array of strings"); return null; }
        if (v.size() < min || v.size() > max) {
            error(field, v.size() > max ? "field.too_many" : "field.too_few", field + " must have between " + min + " and " + max + " entries");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = at(field) + "[" + i + "]";
            if (!e.isTextual() || e.textValue().isBlank()) { errors.add(new FieldError(p, "field.type", "must be a non-blank string")); continue; }
            if (e.textValue().length() > maxLength) { errors.add(new FieldError(p, "field.too_long", "must be at most " + maxLength + " characters")); continue; }
            out.add(e.textValue());
        }
        return out;
    }

    /**
     * Money {@code {amount, currency}}: amount a non-negative integer of minor units, currency an ISO 4217 code that
     * equals {@code expectedCurrency} when one is given.
     */
    public Money money(String field, boolean required, String expectedCurrency) {
        Body m = object(field, required);
        if (m == null) return null;
        m.allow("amount", "currency");
        Long amount = m.integer("amount", true, 0, 100_000_000_000_000L);
        String currency = m.string("currency", true, 3);
        if (currency != null && !Currencies.isKnown(currency)) {
            m.error("currency", "currency.unknown", "Unknown ISO 4217 currency " + currency);
            return null;
        }
        if (currency != null && expectedCurrency != null && !currency.equals(expectedCurrency)) {
            m.error("currency", "currency.mismatch", "Currency " + currency + " does not match the order currency " + expectedCurrency);
            return null;
        }
        return amount == null || currency == null ? null : Money.of(amount, currency);
    }

    /** An object of strings (an adapter's settings, secret references); absent or null: null. */
    public Map<String, String> stringMap(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) return null;
        Map<String, String> out = new LinkedHashMap<>();
        if (!n.isObject()) {
            error(field, "field.type", field + " must be an object of strings");
            return out;
        }
        n.properties().forEach(e -> {
            if (e.getValue().isTextual()) out.put(e.getKey(), e.getValue().asText());
            else errors.add(new FieldError(at(field) + "." + e.getKey(), "field.type", "must be a string"));
        });
        return out;
    }

    /** String-to-string metadata; with {@code allowRemovals} a null value means "remove this key". */
    public Map<String, String> metadata(String field, boolean allowRemovals) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) { error(field, "field.type", field + " must be an object of strings"); return null; }
        if (v.size() > Metadata.MAX_KEYS) { error(field, "metadata.too_many_keys", field + " may hold at most " + Metadata.MAX_KEYS + " keys"); return null; }
        Map<String, String> out = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            String k = e.getKey();
            JsonNode val = e.getValue();
            String p = at(field) + "." + k;
            if (k.isEmpty() || k.length() > Metadata.MAX_KEY_LENGTH) {
                errors.add(new FieldError(p, "metadata.key_invalid", "keys must have 1 to " + Metadata.MAX_KEY_LENGTH + " characters"));
            } else if (val.isNull() && allowRemovals) {
                out.put(k, null);
            } else if (!val.isTextual()) {
                errors.add(new FieldError(p, "field.type", "metadata values must be strings"));
            } else if (val.textValue().length() > Metadata.MAX_VALUE_LENGTH) {
                errors.add(new FieldError(p, "field.too_long", "metadata values must be at most " + Metadata.MAX_VALUE_LENGTH + " characters"));
            } else {
                out.put(k, val.textValue());
            }
        });
        return out;
    }

    public Address address(String field, boolean required) {
        Body a = object(field, required);
        if (a == null) return null;
        a.allow(ADDRESS_FIELDS.toArray(String[]::new));
        String name = a.string("name", true, 200);
        String company = a.string("company", false, 200);
        String line1 = a.string("line1", true, 200);
        String line2 = a.string("line2", false, 200);
        String city = a.string("city", true, 100);
        String region = a.string("region", false, 100);
        String postal = a.string("postal_code", false, 20);
        String country = a.string("country", true, 2);
        if (country != null && !COUNTRIES.contains(country)) a.error("country", "country.unknown", "country must be an ISO 3166-1 alpha-2 code such as GB");
        String phone = a.string("phone", false, 32);
        String email = a.string("email", false, 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) a.error("email", "email.invalid", "email is not an email address");
        return new Address(name, company, line1, line2, city, region, postal, country, phone, email);
    }

    private String at(String field) { return path.isEmpty() ? field : path + "." + field; }
}
