package dev.oms.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.oms.app.CommandContext;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.security.Caller;
import dev.oms.platform.auth.BearerAuthentication;
import dev.oms.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** A request as an endpoint sees it: path and query parameters, headers, body, caller and command helpers. */
public final class ApiRequest {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final String method;
    private final String routeKey;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final String body;
    private final String requestId;
    private final Caller caller;
    private final String authError;
    private ResponseJournal journal = ResponseJournal.NONE;
    private HttpJournal httpJournal;
    private Long bodyVersion;
    private String sourceIp;
    private String requiredReason;

    public ApiRequest(String method, String routeKey, String path, String rawQuery, Map<String, String> pathParams,
                      Map<String, String> query, Map<String, String> headers, String body, String requestId,
                      Caller caller, String authError) {
        this.method = method;
        this.routeKey = routeKey;
        this.path = path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.pathParams = pathParams == null ? Map.of() : pathParams;
        this.query = query == null ? Map.of() : query;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
        this.caller = caller;
        this.authError = authError;
    }

    public static ApiRequest from(APIGatewayV2HTTPEvent e) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.getHeaders() != null) e.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String body = e.getBody();
        if (body != null && e.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException bad) {
                throw ApiProblem.badRequest("request.malformed_body", "The body is not valid base64");
            }
        }
        var ctx = e.getRequestContext();
        String method = ctx != null && ctx.getHttp() != null ? ctx.getHttp().getMethod() : "GET";
        Map<String, String> auth = ctx != null && ctx.getAuthorizer() != null && ctx.getAuthorizer().getLambda() != null
                ? stringMap(ctx.getAuthorizer().getLambda()) : Map.of();
        Caller caller;
        String authError;
        if (auth.isEmpty()) {
            // the usual path: the function verifies the bearer token itself (one invocation per request)
            BearerAuthentication.Outcome who = BearerAuthentication.authenticate(headers.get("authorization"));
            caller = who.caller();
            authError = who.error();
        } else {
            // a caller context the platform already established (an authorizer an operator put in front; tests)
            caller = AuthorizerContext.caller(auth);
            authError = caller == null ? auth.getOrDefault(AuthorizerContext.ERROR, "Missing bearer token") : null;
        }
        ApiRequest r = new ApiRequest(method, e.getRouteKey(), e.getRawPath(), e.getRawQueryString(), e.getPathParameters(),
                e.getQueryStringParameters(), headers, body, ctx != null ? ctx.getRequestId() : null, caller, authError);
        r.sourceIp = ctx != null && ctx.getHttp() != null ? ctx.getHttp().getSourceIp() : null;
        return r;
    }

    /** The client's address as API Gateway saw it (null when unknown), for throttling anonymous routes. */
    public String sourceIp() { return sourceIp; }

    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (v != null) out.put(k, String.valueOf(v)); });
        return out;
    }

    /** The same request with path parameters (for requests matched by path rather than by route key). */
    public ApiRequest withPathParams(Map<String, String> params) { return copy(params, caller, authError); }

    /** The same request on behalf of another caller (a sender whose signature was checked, for example). */
    public ApiRequest withCaller(Caller newCaller) { return copy(pathParams, newCaller, null); }

    private ApiRequest copy(Map<String, String> params, Caller newCaller, String newAuthError) {
        ApiRequest r = new ApiRequest(method, routeKey, path, rawQuery, params, query, headers, body, requestId, newCaller, newAuthError);
        r.journal = journal;
        r.httpJournal = httpJournal;
        r.bodyVersion = bodyVersion;
        r.sourceIp = sourceIp;
        r.requiredReason = requiredReason;
        return r;
    }

    public String method() { return method; }
    public String routeKey() { return routeKey; }
    public String path() { return path; }
    public String rawQuery() { return rawQuery; }
    public String body() { return body; }
    public String requestId() { return requestId; }
    public Map<String, String> headers() { return headers; }
    public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    public Caller caller() { return caller; }
    public String authError() { return authError; }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null || v.isBlank() || v.length() > 128) throw DomainException.notFound("route.not_found", "Bad path parameter " + name);
        return v;
    }

    public String query(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String correlationId() {
        String c = header("x-correlation-id");
        return c != null && c.length() <= 128 ? c : requestId;
    }

    /** Body field {@code version}: the same check as If-Match. */
    public void expectVersion(Long version) { this.bodyVersion = version; }

    public Long expectedVersion() {
        Long ifMatch = ETags.parseIfMatch(header("if-match"));
        if (ifMatch != null && bodyVersion != null && !ifMatch.equals(bodyVersion)) {
            throw DomainException.invalidField("version", "version.mismatch", "If-Match and the body version disagree");
        }
        return ifMatch != null ? ifMatch : bodyVersion;
    }

    /** The command of this request; on a {@link Route#reason() reason route}, it carries the body's {@code reason}. */
    public CommandContext command() { return command(requiredReason); }

    public CommandContext command(String reason) {
        return new CommandContext(caller, correlationId(), expectedVersion(), reason, journal, sourceIp);
    }

    /** The trimmed body {@code reason} a reason route required (null on other routes). */
    public String requiredReason() { return requiredReason; }

    void requireReason(String reason) { this.requiredReason = reason; }

    void useJournal(HttpJournal j) {
        this.httpJournal = j;
        this.journal = j;
    }

    /**
     * Runs a use case and renders its result. When the request carries an Idempotency-Key, the rendered response is
     * what the use case commits as the idempotency record, so a replay answers exactly the same.
     */
    public <T> ApiResponse execute(Function<T, ApiResponse> render, Function<CommandContext, T> action) {
        if (httpJournal != null) httpJournal.renderWith(render);
        T result = action.apply(command());
        ApiResponse rendered = httpJournal == null ? null : httpJournal.rendered();
        return rendered != null ? rendered : render.apply(result);
    }

    public PageRequest page(Cursors cursors, String queryFingerprint) {
        int limit = DEFAULT_LIMIT;
        String l = query("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw DomainException.invalidField("limit", "field.type", "limit must be an integer");
            }
            if (limit < 1 || limit > MAX_LIMIT) throw DomainException.invalidField("limit", "field.out_of_range", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(cursors.decode(query("cursor"), queryFingerprint), limit);
    }

    public Instant instantQuery(String name) {
        String v = query(name);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField(name, "field.type", name + " must be an RFC 3339 UTC time such as 2025-08-29T12:00:00Z");
        }
    }

    public Long longQuery(String name, long min) {
        String v = query(name);
        if (v == null) return null;
        try {
            long n = Long.parseLong(v);
            if (n < min) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw DomainException.invalidField(name, "field.type", name + " must be an integer of at least " + min);
        }
    }

    public boolean boolQuery(String name) {
        String v = query(name);
        if (v == null) return false;
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw DomainException.invalidField(name, "field.type", name + " must be true or false");
    }
}
