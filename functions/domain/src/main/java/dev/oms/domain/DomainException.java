package dev.oms.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A business rule said no. Carries a dotted machine-readable code (for example {@code order.invalid_transition}),
 * the kind of failure (which the HTTP layer maps to a status), a short hint of what to do next, and extra
 * details that clients may use (for example {@code current_version}).
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNPROCESSABLE, FORBIDDEN, UNAVAILABLE, GONE }

    private final Kind kind;
    private final String code;
    private final String explain;
    private final Map<String, Object> details;
    private final List<FieldError> fieldErrors;

    public DomainException(Kind kind, String code, String message, String explain) {
        this(kind, code, message, explain, Map.of(), List.of());
    }

    public DomainException(Kind kind, String code, String message, String explain,
                           Map<String, Object> details, List<FieldError> fieldErrors) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.explain = explain;
        this.details = Map.copyOf(details);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(Kind.NOT_FOUND, code, message, "Check the identifier; objects of other tenants or customers are never visible.");
    }

    public static DomainException conflict(String code, String message, String explain) {
        return new DomainException(Kind.CONFLICT, code, message, explain);
    }

    public static DomainException unprocessable(String code, String message, String explain) {
        return new DomainException(Kind.UNPROCESSABLE, code, message, explain);
    }

    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(Kind.INVALID, "request.invalid", "The request has invalid fields.",
                "Fix the fields listed in errors and send the request again.", Map.of(), errors);
    }

    public static DomainException invalidField(String field, String code, String message) {
        return invalid(List.of(new FieldError(field, code, message)));
    }

    public DomainException with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new DomainException(kind, code, getMessage(), explain, more, fieldErrors);
    }

    public Kind kind() { return kind; }
    public String code() { return code; }
    public String explain() { return explain; }
    public Map<String, Object> details() { return details; }
    public List<FieldError> fieldErrors() { return fieldErrors; }

    /** One invalid field: a JSON-pointer-like path such as {@code items[0].quantity}, a code and a message. */
    public record FieldError(String field, String code, String message) { }
}
