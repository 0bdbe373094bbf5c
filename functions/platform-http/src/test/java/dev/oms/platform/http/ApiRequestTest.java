package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    private static final Caller AGENT = new Caller("acme", "agent-1", "agent", Set.of("agent"), null, "boss-1");
    private static final Cursors CURSORS = new Cursors("cursor-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

    private static ApiRequest request(Map<String, String> query, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new ApiRequest("GET", "GET /v1/orders/{orderId}", "/v1/orders/o1", "", Map.of("orderId", "o1"), query, h, null,
                "req-1", AGENT, null);
    }

    private static void assertFieldError(Runnable r, String field, String code) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("request.invalid");
        assertThat(e.fieldErrors()).singleElement().satisfies(fe -> {
            assertThat(fe.field()).isEqualTo(field);
            assertThat(fe.code()).isEqualTo(code);
        });
    }

    @Test
    void pathParameters() {
        ApiRequest r = request(Map.of(), Map.of());
        assertThat(r.pathParam("orderId")).isEqualTo("o1");
        DomainException e = catchThrowableOfType(DomainException.class, () -> r.pathParam("lineId"));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(e.code()).isEqualTo("route.not_found");
    }

    @Test
    void pageDefaultsAndLimits() {
        PageRequest p = request(Map.of(), Map.of()).page(CURSORS, "q");
        assertThat(p.limit()).isEqualTo(50);
        assertThat(p.position()).isNull();
        assertThat(request(Map.of("limit", "200"), Map.of()).page(CURSORS, "q").limit()).isEqualTo(200);
        assertThat(request(Map.of("limit", "1"), Map.of()).page(CURSORS, "q").limit()).isEqualTo(1);
        assertFieldError(() -> request(Map.of("limit", "201"), Map.of()).page(CURSORS, "q"), "limit", "field.out_of_range");
        assertFieldError(() -> request(Map.of("limit", "0"), Map.of()).page(CURSORS, "q"), "limit", "field.out_of_range");
        assertFieldError(() -> request(Map.of("limit", "ten"), Map.of()).page(CURSORS, "q"), "limit", "field.type");
    }

    @Test
    void pageDecodesTheCursorOfItsQuery() {
        String cursor = CURSORS.encode("pos-9", "q");
        assertThat(request(Map.of("cursor", cursor), Map.of()).page(CURSORS, "q").position()).isEqualTo("pos-9");
        ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> request(Map.of("cursor", cursor), Map.of()).page(CURSORS, "other"));
        assertThat(p.code()).isEqualTo("request.invalid_cursor");
    }

    @Test
    void expectedVersionFromIfMatchOrBody() {
        assertThat(request(Map.of(), Map.of("If-Match", "\"4\"")).expectedVersion()).isEqualTo(4L);
        ApiRequest body = request(Map.of(), Map.of());
        body.expectVersion(6L);
        assertThat(body.expectedVersion()).isEqualTo(6L);
        ApiRequest both = request(Map.of(), Map.of("If-Match", "\"4\""));
        both.expectVersion(4L);
        assertThat(both.expectedVersion()).isEqualTo(4L);
        assertThat(request(Map.of(), Map.of()).expectedVersion()).isNull();
    }

    @Test
    void ifMatchAndBodyVersionMustAgree() {
        ApiRequest r = request(Map.of(), Map.of("If-Match", "\"4\""));
        r.expectVersion(5L);
        assertFieldError(r::expectedVersion, "version", "version.mismatch");
    }

    @Test
    void commandCarriesCallerCorrelationAndVersion() {
        var ctx = request(Map.of(), Map.of("X-Correlation-ID", "corr-7", "If-Match", "W/\"2\"")).command("because");
        assertThat(ctx.caller()).isEqualTo(AGENT);
        assertThat(ctx.correlationId()).isEqualTo("corr-7");
        assertThat(ctx.expectedVersion()).isEqualTo(2L);
        assertThat(ctx.reason()).isEqualTo("because");
    }

    @Test
    void correlationIdFallsBackToTheRequestId() {
        assertThat(request(Map.of(), Map.of()).correlationId()).isEqualTo("req-1");
        assertThat(request(Map.of(), Map.of("x-correlation-id", "c".repeat(129))).correlationId()).isEqualTo("req-1");
    }

    @Test
    void typedQueryParameters() {
        ApiRequest r = request(Map.of("from", "2025-08-29T12:00:00Z", "min", "5", "flag", "true", "empty", ""), Map.of());
        assertThat(r.instantQuery("from")).isEqualTo(Instant.parse("2025-08-29T12:00:00Z"));
        assertThat(r.longQuery("min", 1)).isEqualTo(5L);
        assertThat(r.boolQuery("flag")).isTrue();
        assertThat(r.boolQuery("absent")).isFalse();
        assertThat(r.query("empty")).isNull();
        assertThat(r.instantQuery("absent")).isNull();
        ApiRequest bad = request(Map.of("from", "yesterday", "min", "0", "flag", "yes"), Map.of());
        assertFieldError(() -> bad.instantQuery("from"), "from", "field.type");
        assertFieldError(() -> bad.longQuery("min", 1), "min", "field.type");
        assertFieldError(() -> bad.boolQuery("flag"), "flag", "field.type");
    }

    @Test
    void authorizerContextRoundTrip() {
        Map<String, Object> ctx = AuthorizerContext.of(AGENT);
        assertThat(ctx).containsEntry("tenant_id", "acme").containsEntry("sub", "agent-1").containsEntry("roles", "agent")
                .containsEntry("act", "boss-1").doesNotContainKey("customer_id");
        Map<String, String> strings = new LinkedHashMap<>();
        ctx.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        assertThat(AuthorizerContext.caller(strings)).isEqualTo(AGENT);
    }

    @Test
    void authorizerErrorContextHasNoCaller() {
        assertThat(AuthorizerContext.error("Token expired")).containsExactly(Map.entry("auth_error", "Token expired"));
        assertThat(AuthorizerContext.caller(Map.of("auth_error", "x", "tenant_id", "acme", "sub", "u"))).isNull();
        assertThat(AuthorizerContext.caller(Map.of("tenant_id", "acme"))).isNull();
        Caller noRoles = AuthorizerContext.caller(Map.of("tenant_id", "acme", "sub", "u", "roles", ""));
        assertThat(noRoles.roles()).isEmpty();
        assertThat(noRoles.kind()).isEqualTo("agent");
    }
}
