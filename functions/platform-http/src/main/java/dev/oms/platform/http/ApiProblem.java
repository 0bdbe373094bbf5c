package dev.oms.platform.http;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Map;

/** An HTTP-level refusal (authentication, routing, media type, size) with its status and code. */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String explain;
    private final Map<String, Object> details;
    private final List<DomainException.FieldError> errors;

    public ApiProblem(int status, String code, String detail, String explain) {
        this(status, code, detail, explain, Map.of(), List.of());
    }

    public ApiProblem(int status, String code, String detail, String explain, Map<String, Object> details, List<DomainException.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.explain = explain;
        this.details = details;
        this.errors = errors;
    }

    /**
     * 401 for a request without a usable credential: {@code auth.missing_token} (no Authorization header),
     * {@code auth.expired_token} (a token past its {@code exp}) or {@code auth.invalid_token} (anything else: a bad
     * signature, issuer, audience or format); the detail says which check failed.
     */
    public static ApiProblem unauthorized(String detail) {
        String d = detail == null ? "Missing bearer token" : detail;
        String code = d.startsWith("Missing bearer token") ? "auth.missing_token"
                : d.toLowerCase(java.util.Locale.ROOT).contains("expired") ? "auth.expired_token" : "auth.invalid_token";
        return new ApiProblem(401, code, d, "Send a valid bearer token in the Authorization header.");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "auth.forbidden", detail, "Your roles do not allow this; ask an administrator.");
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, detail, "Fix the request and send it again.");
    }

    public int status() { return status; }
    public String code() { return code; }
    public String explain() { return explain; }
    public Map<String, Object> details() { return details; }
    public List<DomainException.FieldError> errors() { return errors; }
}
