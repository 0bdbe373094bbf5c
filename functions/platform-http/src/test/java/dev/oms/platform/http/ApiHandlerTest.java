package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {
    private static final String REQUEST_ID = "req-0001";
    private static final Caller AGENT = new Caller("acme", "agent-1", "agent", Set.of("agent"), null, null);
    private static final Caller CUSTOMER = new Caller("acme", "cust-1", "customer", Set.of("customer"), "cus_1", null);

    private final AtomicInteger calls = new AtomicInteger();

    /** The smallest endpoint group: a handful of fake routes. */
    static final class TestHandler extends ApiHandler {
        private final Routes routes;

        TestHandler(Routes routes) {
            super(null, Clock.fixed(Instant.parse("2025-08-29T12:00:00Z"), ZoneOffset.UTC));
            this.routes = routes;
        }

        @Override
        public Routes routes() { return routes; }

        /** No table here: the request quotas are tested end to end (RateLimitsIT). */
        @Override
        protected dev.oms.platform.ratelimit.RateLimiter rateLimiter() { return null; }
    }

    private final TestHandler handler = new TestHandler(Routes.of(
            Route.get("/v1/things/{thingId}", r -> {
                calls.incrementAndGet();
                ObjectNode o = Json.object().put("id", r.pathParam("thingId")).put("tenant", r.caller().tenantId());
                return ApiResponse.ok(o).withVersion(3);
            }).requires(Permission.ORDERS_READ),
            Route.post("/v1/things", r -> {
                calls.incrementAndGet();
                Body b = Body.parse(r.body());
                b.allow("name", "size");
                String name = b.string("name", true, 20);
                Long size = b.integer("size", false, 1, 10);
                b.check();
                ObjectNode o = Json.object().put("name", name);
                if (size != null) o.put("size", size);
                return ApiResponse.created(o, "/v1/things/t1");
            }).requires(Permission.ORDERS_WRITE),
            Route.get("/v1/public", r -> {
                calls.incrementAndGet();
                return ApiResponse.ok(Json.object().put("caller", r.caller() == null ? "anonymous" : r.caller().subject()));
            }),
            Route.post("/v1/echo", r -> {
                calls.incrementAndGet();
                return ApiResponse.ok(Json.object().put("length", r.body() == null ? -1 : r.body().length()).put("body", r.body()));
            }),
            Route.post("/v1/fail/conflict", r -> {
                throw DomainException.conflict("order.version_conflict", "Order is at version 7", "Reload and retry.")
                        .with("current_version", 7L);
            }),
            Route.get("/v1/fail/missing", r -> { throw DomainException.notFound("order.not_found", "No order x"); }),
            Route.post("/v1/fail/overflow", r -> ApiResponse.ok(Json.object().put("n", Math.multiplyExact(Long.MAX_VALUE, 2L)))),
            Route.get("/v1/fail/boom", r -> { throw new IllegalStateException("secret internals: table xyz"); }),
            Route.get("/v1/fail/position", r -> { throw new IllegalArgumentException("bad position"); }),
            Route.get("/v1/fail/cursor", r -> ApiResponse.ok(Json.object().put("p",
                    new Cursors("cursor-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)).decode(r.query("cursor"), "q")))),
            Route.delete("/v1/things/{thingId}", r -> ApiResponse.noContent()).requires(Permission.ORDERS_DELETE),
            Route.get("/v1/admin/things", r -> ApiResponse.ok(Json.object().put("ok", true))).requires(Permission.ORDERS_READ),
            Route.post("/v1/admin/things/{thingId}/close", r -> {
                calls.incrementAndGet();
                return ApiResponse.ok(Json.object().put("reason", r.command().reason()).put("ip", r.command().clientIp()));
            }).requires(Permission.ORDERS_CLOSE).reason()));

    // ---- event building -----------------------------------------------------------------------------------------

    private static final class Req {
        String method = "GET";
        String routeKey;
        String path;
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> pathParams;
        Map<String, String> query;
        String rawQuery;
        String body;
        boolean base64;
        Map<String, Object> auth;
        boolean withRequestId = true;

        Req(String method, String template, String path) {
            this.method = method;
            this.routeKey = template == null ? null : method + " " + template;
            this.path = path;
        }

        Req caller(Caller c) { this.auth = AuthorizerContext.of(c); return this; }
        Req authError(String m) { this.auth = AuthorizerContext.error(m); return this; }
        Req header(String k, String v) { headers.put(k, v); return this; }
        Req param(String k, String v) { pathParams = Map.of(k, v); return this; }
        Req query(String k, String v) { query = Map.of(k, v); rawQuery = k + "=" + v; return this; }
        Req json(String b) { body = b; headers.put("Content-Type", "application/json"); return this; }

        APIGatewayV2HTTPEvent event() {
            RequestContext.Authorizer authorizer = auth == null ? null : RequestContext.Authorizer.builder().withLambda(auth).build();
            RequestContext ctx = RequestContext.builder()
                    .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path).build())
                    .withRequestId(withRequestId ? REQUEST_ID : null).withRouteKey(routeKey).withAuthorizer(authorizer).build();
            return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                    .withRawQueryString(rawQuery).withHeaders(headers).withPathParameters(pathParams)
                    .withQueryStringParameters(query).withBody(body).withIsBase64Encoded(base64).withRequestContext(ctx).build();
        }
    }

    private ApiResponse send(Req r) { return handler.handle(r.event()); }

    private static JsonNode json(ApiResponse r) throws Exception { return Json.parse(r.body()); }

    private static void assertProblem(ApiResponse r, int status, String code) throws Exception {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(r.headers()).containsEntry("x-request-id", REQUEST_ID);
        JsonNode b = json(r);
        assertThat(b.get("status").asInt()).isEqualTo(status);
        assertThat(b.get("code").asText()).isEqualTo(code);
        assertThat(b.get("type").asText()).isEqualTo(Problems.TYPE_BASE + code.replace('.', '-'));
    }

    // ---- routing -----------------------------------------------------------------------------------------------

    @Test
    void knownRouteAnswersWithRequestId() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/things/{thingId}", "/v1/things/t42").param("thingId", "t42").caller(AGENT));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/json")
                .containsEntry("x-request-id", REQUEST_ID).containsEntry("etag", "\"3\"");
        assertThat(json(r).get("id").asText()).isEqualTo("t42");
        assertThat(json(r).get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void unknownRouteIs404RouteNotFound() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/nothing", "/v1/nothing").caller(AGENT));
        assertProblem(r, 404, "route.not_found");
        JsonNode b = json(r);
        assertThat(b.get("detail").asText()).isEqualTo("No route GET /v1/nothing");
        assertThat(b.get("instance").asText()).isEqualTo("/v1/nothing");
        assertThat(b.get("title").asText()).isEqualTo("Not Found");
    }

    @Test
    void unknownRouteWithoutRouteKeyIs404() throws Exception {
        assertProblem(send(new Req("GET", null, "/v1/nothing/t1").caller(AGENT)), 404, "route.not_found");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithTheAllowedMethods() throws Exception {
        ApiResponse r = send(new Req("PUT", null, "/v1/things/t1").caller(AGENT));
        assertProblem(r, 405, "route.method_not_allowed");
        assertThat(r.headers()).containsEntry("allow", "DELETE, GET");
    }

    @Test
    void routeIsMatchedByPathWhenThereIsNoRouteKey() throws Exception {
        ApiResponse r = send(new Req("GET", null, "/v1/public"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("caller").asText()).isEqualTo("anonymous");
    }
    @Test
    void routeMatchedByPathExposesItsPathParameters() throws Exception {
        ApiResponse r = send(new Req("GET", null, "/v1/things/t7").caller(AGENT));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("id").asText()).isEqualTo("t7");
    }

    @Test
    void publicRouteSeesTheCallerWhenThereIsOne() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/public", "/v1/public").caller(CUSTOMER));
        assertThat(json(r).get("caller").asText()).isEqualTo("cust-1");
    }

    @Test
    void noRequestIdMeansNoHeader() {
        Req req = new Req("GET", "/v1/public", "/v1/public");
        req.withRequestId = false;
        ApiResponse r = send(req);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("x-request-id");
    }

    // ---- authentication and authorization ------------------------------------------------------------------------

    @Test
    void protectedRouteWithoutCallerIs401WithTheAuthorizersReason() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/things/{thingId}", "/v1/things/t1").param("thingId", "t1")
                .authError("Token expired at 2025-08-29T11:00:00Z"));
        assertProblem(r, 401, "auth.expired_token");
        assertThat(json(r).get("detail").asText()).isEqualTo("Token expired at 2025-08-29T11:00:00Z");
        assertThat(json(r).get("title").asText()).isEqualTo("Unauthorized");
        assertThat(calls).hasValue(0);
    }

    @Test
    void protectedRouteWithoutAnyAuthorizerContextIs401MissingToken() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/things/{thingId}", "/v1/things/t1").param("thingId", "t1"));
        assertProblem(r, 401, "auth.missing_token");
        assertThat(json(r).get("detail").asText()).isEqualTo("Missing bearer token");
        assertThat(calls).hasValue(0);
    }

    @Test
    void callerWithoutThePermissionIs403() throws Exception {
        ApiResponse r = send(new Req("POST", "/v1/things", "/v1/things").caller(CUSTOMER).json("{\"name\":\"x\"}"));
        assertProblem(r, 403, "auth.forbidden");
        assertThat(json(r).get("detail").asText()).isEqualTo("This needs the orders:write permission");
        assertThat(calls).hasValue(0);
    }

    @Test
    void agentLacksDeletePermission() throws Exception {
        ApiResponse r = send(new Req("DELETE", "/v1/things/{thingId}", "/v1/things/t1").param("thingId", "t1").caller(AGENT));
        assertProblem(r, 403, "auth.forbidden");
        assertThat(json(r).get("detail").asText()).contains("orders:delete");
    }

    @Test
    void tenantHeaderMismatchIs403() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/things/{thingId}", "/v1/things/t1").param("thingId", "t1").caller(AGENT)
                .header("X-Tenant-ID", "globex"));
        assertProblem(r, 403, "auth.tenant_mismatch");
        assertThat(calls).hasValue(0);
    }

    @Test
    void matchingTenantHeaderIsAccepted() {
        ApiResponse r = send(new Req("GET", "/v1/things/{thingId}", "/v1/things/t1").param("thingId", "t1").caller(AGENT)
                .header("x-tenant-id", "acme"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void permittedCallerReachesTheEndpoint() throws Exception {
        ApiResponse r = send(new Req("POST", "/v1/things", "/v1/things").caller(AGENT).json("{\"name\":\"widget\",\"size\":3}"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers()).containsEntry("location", "/v1/things/t1").containsEntry("x-request-id", REQUEST_ID);
        assertThat(json(r).get("name").asText()).isEqualTo("widget");
        assertThat(json(r).get("size").asLong()).isEqualTo(3);
    }

    // ---- body limits -------------------------------------------------------------------------------------------

    private static String jsonOfBytes(int bytes, char fill) {
        // {"s":"..."}: 8 bytes of structure
        int charBytes = String.valueOf(fill).getBytes(StandardCharsets.UTF_8).length;
        return "{\"s\":\"" + String.valueOf(fill).repeat((bytes - 8) / charBytes) + "\"}";
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        String body = jsonOfBytes(ApiHandler.MAX_BODY_BYTES, 'a');
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(256 * 1024);
        ApiResponse r = send(new Req("POST", "/v1/echo", "/v1/echo").json(body));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("length").asInt()).isEqualTo(body.length());
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String body = jsonOfBytes(ApiHandler.MAX_BODY_BYTES + 1, 'a');
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(256 * 1024 + 1);
        ApiResponse r = send(new Req("POST", "/v1/echo", "/v1/echo").json(body));
        assertProblem(r, 413, "request.too_large");
        assertThat(json(r).get("title").asText()).isEqualTo("Content Too Large");
        assertThat(calls).hasValue(0);
    }

    @Test
    void bodyLimitCountsUtf8BytesNotCharacters() throws Exception {
        String body = jsonOfBytes(ApiHandler.MAX_BODY_BYTES + 2, '\u00e9');
        assertThat(body.length()).isLessThan(ApiHandler.MAX_BODY_BYTES);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(ApiHandler.MAX_BODY_BYTES);
        assertProblem(send(new Req("POST", "/v1/echo", "/v1/echo").json(body)), 413, "request.too_large");
    }

    @Test
    void bodyOverTheLimitIs413EvenBeforeTheMediaTypeCheck() throws Exception {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("content-type", "text/plain");
        req.body = "x".repeat(ApiHandler.MAX_BODY_BYTES + 1);
        assertProblem(send(req), 413, "request.too_large");
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("Content-Type", "text/plain");
        req.body = "{\"a\":1}";
        ApiResponse r = send(req);
        assertProblem(r, 415, "request.unsupported_media_type");
        assertThat(json(r).get("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(calls).hasValue(0);
    }

    @Test
    void formContentTypeIs415() throws Exception {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("content-type", "application/x-www-form-urlencoded");
        req.body = "a=1";
        assertProblem(send(req), 415, "request.unsupported_media_type");
    }

    @Test
    void jsonWithCharsetAndAnyCaseIsAccepted() {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("CONTENT-TYPE", "Application/JSON; charset=utf-8");
        req.body = "{}";
        assertThat(send(req).status()).isEqualTo(200);
    }

    @Test
    void bodyWithoutContentTypeIsAccepted() {
        Req req = new Req("POST", "/v1/echo", "/v1/echo");
        req.body = "{}";
        assertThat(send(req).status()).isEqualTo(200);
    }

    @Test
    void publicRoutesIgnoreIdempotencyKeysForTheyHaveNoCallerToScopeThemTo() {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("Idempotency-Key", "k-1").json("{}");
        assertThat(send(req).status()).isEqualTo(200);
        assertThat(send(req).headers()).doesNotContainKey("idempotent-replayed");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void emptyBodyNeedsNoContentType() {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("content-type", "text/plain");
        req.body = "";
        assertThat(send(req).status()).isEqualTo(200);
    }

    @Test
    void base64BodyIsDecoded() throws Exception {
        Req req = new Req("POST", "/v1/echo", "/v1/echo").header("content-type", "application/json");
        req.body = Base64.getEncoder().encodeToString("{\"caf\u00e9\":1}".getBytes(StandardCharsets.UTF_8));
        req.base64 = true;
        ApiResponse r = send(req);
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("body").asText()).isEqualTo("{\"caf\u00e9\":1}");
    }

    // ---- failures become problem+json -------------------------------------------------------------------------

    @Test
    void validationErrorsAre400WithEveryFieldError() throws Exception {
        ApiResponse r = send(new Req("POST", "/v1/things", "/v1/things").caller(AGENT).json("{\"size\":0,\"colour\":\"red\"}"));
        assertProblem(r, 400, "request.invalid");
        JsonNode errors = json(r).get("errors");
        assertThat(errors.size()).isEqualTo(3);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("colour");
        assertThat(errors.get(0).get("code").asText()).isEqualTo("field.unknown");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("name");
        assertThat(errors.get(1).get("code").asText()).isEqualTo("field.required");
        assertThat(errors.get(2).get("field").asText()).isEqualTo("size");
        assertThat(errors.get(2).get("code").asText()).isEqualTo("field.out_of_range");
    }

    @Test
    void malformedJsonBodyIs400() throws Exception {
        assertProblem(send(new Req("POST", "/v1/things", "/v1/things").caller(AGENT).json("{\"name\":")), 400, "request.malformed_json");
    }

    @Test
    void domainExceptionKeepsItsStatusCodeAndDetails() throws Exception {
        ApiResponse r = send(new Req("POST", "/v1/fail/conflict", "/v1/fail/conflict"));
        assertProblem(r, 409, "order.version_conflict");
        JsonNode b = json(r);
        assertThat(b.get("current_version").asLong()).isEqualTo(7);
        assertThat(b.get("detail").asText()).isEqualTo("Order is at version 7");
        assertThat(b.get("explain").asText()).isEqualTo("Reload and retry.");
        assertThat(b.get("instance").asText()).isEqualTo("/v1/fail/conflict");
    }

    @Test
    void notFoundDomainExceptionIs404() throws Exception {
        assertProblem(send(new Req("GET", "/v1/fail/missing", "/v1/fail/missing")), 404, "order.not_found");
    }

    @Test
    void arithmeticOverflowIs422() throws Exception {
        ApiResponse r = send(new Req("POST", "/v1/fail/overflow", "/v1/fail/overflow"));
        assertProblem(r, 422, "amount.overflow");
        assertThat(json(r).get("title").asText()).isEqualTo("Unprocessable Content");
    }

    @Test
    void unexpectedExceptionIs500WithoutLeakingItsMessage() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/fail/boom", "/v1/fail/boom"));
        assertProblem(r, 500, "internal.error");
        assertThat(r.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        assertThat(json(r).get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(json(r).get("explain").asText()).contains("request id");
    }

    @Test
    void badPositionIs400InvalidCursor() throws Exception {
        assertProblem(send(new Req("GET", "/v1/fail/position", "/v1/fail/position")), 400, "request.invalid_cursor");
    }

    @Test
    void tamperedCursorIs400InvalidCursor() throws Exception {
        ApiResponse r = send(new Req("GET", "/v1/fail/cursor", "/v1/fail/cursor").query("cursor", "abc.def"));
        assertProblem(r, 400, "request.invalid_cursor");
    }

    @Test
    void fingerprintIgnoresQueryOrderButNotBody() {
        ApiRequest a = new ApiRequest("POST", "POST /v1/x", "/v1/x", "b=2&a=1", null, null, Map.of(), "{\"n\":1}", "r1", AGENT, null);
        ApiRequest b = new ApiRequest("POST", "POST /v1/x", "/v1/x", "a=1&b=2", null, null, Map.of(), "{\"n\":1}", "r2", AGENT, null);
        ApiRequest c = new ApiRequest("POST", "POST /v1/x", "/v1/x", "a=1&b=2", null, null, Map.of(), "{\"n\":2}", "r3", AGENT, null);
        ApiRequest d = new ApiRequest("POST", "POST /v1/x", "/v1/x", "a=1&b=2", null, null, Map.of("if-match", "\"3\""), "{\"n\":1}", "r4", AGENT, null);
        assertThat(ApiHandler.fingerprint(a)).isEqualTo(ApiHandler.fingerprint(b)).hasSize(64);
        assertThat(ApiHandler.fingerprint(c)).isNotEqualTo(ApiHandler.fingerprint(a));
        assertThat(ApiHandler.fingerprint(d)).isNotEqualTo(ApiHandler.fingerprint(b));
    }

    // ---- the admin surface (docs/admin-api.md) ---------------------------------------------------------------------

    @Test
    void theAdminSurfaceRefusesCustomers() throws Exception {
        assertProblem(send(new Req("GET", "/v1/admin/things", "/v1/admin/things").caller(CUSTOMER)), 403, "auth.forbidden");
        assertThat(send(new Req("GET", "/v1/admin/things", "/v1/admin/things").caller(AGENT)).status()).isEqualTo(200);
    }

    @Test
    void aReasonRouteNeedsAReasonOfThreeToFiveHundredCharactersAndCarriesItTrimmed() throws Exception {
        String template = "/v1/admin/things/{thingId}/close";
        for (String body : new String[] {null, "{}", "{\"reason\":\"  ab \"}", "{\"reason\":7}", "{\"reason\":\"" + "x".repeat(501) + "\"}"}) {
            Req req = new Req("POST", template, "/v1/admin/things/t1/close").param("thingId", "t1").caller(AGENT);
            if (body != null) req.json(body);
            ApiResponse r = send(req);
            assertProblem(r, 400, "validation.reason_required");
            assertThat(json(r).path("errors").get(0).path("field").asText()).isEqualTo("reason");
        }
        assertThat(calls.get()).isZero();
        ApiResponse ok = send(new Req("POST", template, "/v1/admin/things/t1/close").param("thingId", "t1").caller(AGENT)
                .json("{\"reason\":\"  customer asked  \"}"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(json(ok).get("reason").asText()).isEqualTo("customer asked");
    }
}
