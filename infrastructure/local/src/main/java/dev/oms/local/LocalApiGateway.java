package dev.oms.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.platform.http.PathTemplate;
import dev.oms.platform.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Plays API Gateway (HTTP API, payload 2.0) from the template's routes ({@code SamTemplate.httpRoutes}: the
 * {@code HttpApi}'s DefinitionBody): matches the route (literal segments beat parameters, an exact path beats a
 * greedy {@code {proxy+}}, a method beats {@code ANY}, {@code $default} catches the rest), calls the Lambda authorizer with the request, then the route's function with
 * the authorizer's context, and turns the function's answer into the HTTP response. Functions are the real handler
 * classes, created once like warm Lambda containers.
 */
final class LocalApiGateway {
    /** An HTTP request or response as the gateway sees it. */
    record Exchange(int status, Map<String, String> headers, String body) { }

    private final List<SamTemplate.HttpRoute> routes;
    private final SamTemplate.HttpRoute defaultRoute;
    private final LocalFunctions functions;
    private final String authorizerFunction;

    LocalApiGateway(SamTemplate template, LocalFunctions functions) {
        this.functions = functions;
        List<SamTemplate.HttpRoute> all = template.httpRoutes();
        this.defaultRoute = all.stream().filter(r -> r.path().equals("$default")).findFirst().orElse(null);
        this.routes = new ArrayList<>(all.stream().filter(r -> !r.path().equals("$default")).toList());
        // API Gateway's order: exact before greedy {proxy+}, literal before parameter, a method before ANY
        this.routes.sort(Comparator.comparingInt((SamTemplate.HttpRoute r) -> -PathTemplate.specificity(r.path()))
                .thenComparing(r -> r.method().equals("ANY")));
        this.authorizerFunction = authorizerOf(template);
    }

    List<SamTemplate.HttpRoute> routes() { return routes; }

    /** Creates every function behind a route (and the authorizer) now, so the first request does not pay for it. */
    void warmUp() {
        routes.forEach(r -> functions.instance(r.function()));
        if (defaultRoute != null) functions.instance(defaultRoute.function());
        if (authorizerFunction != null) functions.instance(authorizerFunction);
    }

    Exchange handle(String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {
        String requestId = UUID.randomUUID().toString();
        LocalMeters.apiRequest();
        SamTemplate.HttpRoute route = null;
        Map<String, String> pathParams = Map.of();
        for (SamTemplate.HttpRoute r : routes) {
            Map<String, String> params = PathTemplate.parameters(r.path(), rawPath);
            if (params != null && (r.method().equals(method) || r.method().equals("ANY"))) {
                route = r;
                pathParams = params;
                break;
            }
        }
        String routeKey;
        if (route == null) {
            if (defaultRoute == null) return new Exchange(404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
            route = defaultRoute;
            routeKey = "$default";
        } else {
            routeKey = route.key();
        }
        Map<String, String> query = queryParameters(rawQuery);
        Map<String, Object> authContext = authorize(routeKey, rawPath, rawQuery, headers, query, pathParams, requestId);

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(rawPath).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(authContext);
        APIGatewayV2HTTPEvent.RequestContext ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName("localhost").withDomainPrefix("localhost")
                .withHttp(http).withRequestId(requestId).withRouteKey(routeKey).withStage("$default")
                .withTime(Instant.now().toString()).withTimeEpoch(System.currentTimeMillis()).withAuthorizer(authorizer).build();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey)
                .withRawPath(rawPath).withRawQueryString(rawQuery == null ? "" : rawQuery).withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query).withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withBody(body == null || body.isEmpty() ? null : body).withIsBase64Encoded(false).withRequestContext(ctx).build();
        APIGatewayV2HTTPResponse response = invoke(route.function(), event, requestId);
        Map<String, String> out = new LinkedHashMap<>();
        if (response.getHeaders() != null) response.getHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        out.putIfAbsent("content-type", "application/json");
        out.put("apigw-requestid", requestId);
        String responseBody = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) responseBody = new String(Base64.getDecoder().decode(responseBody), StandardCharsets.UTF_8);
        return new Exchange(response.getStatusCode(), out, responseBody);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> authorize(String routeKey, String rawPath, String rawQuery, Map<String, String> headers,
                                          Map<String, String> query, Map<String, String> pathParams, String requestId) {
        if (authorizerFunction == null) return Map.of();
        APIGatewayV2CustomAuthorizerEvent event = APIGatewayV2CustomAuthorizerEvent.builder().withVersion("2.0").withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:us-east-1:000000000000:local/$default/" + routeKey.replace(' ', '/'))
                .withIdentitySource(List.of(routeKey)).withRouteKey(routeKey).withRawPath(rawPath).withRawQueryString(rawQuery)
                .withHeaders(headers).withQueryStringParameters(query).withPathParameters(pathParams).build();
        Map<String, Object> result = (Map<String, Object>) functions.invoke(authorizerFunction, event);
        if (!Boolean.TRUE.equals(result.get("isAuthorized"))) return Map.of("auth_error", "Forbidden");
        return (Map<String, Object>) result.getOrDefault("context", Map.of());
    }

    private APIGatewayV2HTTPResponse invoke(String function, APIGatewayV2HTTPEvent event, String requestId) {
        try {
            return (APIGatewayV2HTTPResponse) functions.invoke(function, event);
        } catch (RuntimeException e) {
            // what API Gateway answers when the function itself crashes
            e.printStackTrace();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(500).withBody("{\"message\":\"Internal Server Error\"}").build();
        }
    }

    @SuppressWarnings("unchecked")
    private static String authorizerOf(SamTemplate template) {
        for (Map<String, Object> api : template.resourcesOfType("AWS::Serverless::HttpApi").values()) {
            Map<String, Object> auth = (Map<String, Object>) api.getOrDefault("Auth", Map.of());
            Object name = auth.get("DefaultAuthorizer");
            Map<String, Object> authorizers = (Map<String, Object>) auth.getOrDefault("Authorizers", Map.of());
            Map<String, Object> a = (Map<String, Object>) authorizers.get(String.valueOf(name));
            if (a == null) continue;
            Object arn = a.get("FunctionArn");
            if (arn instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l) return String.valueOf(l.get(0));
        }
        return null;
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.merge(k, v, (a, b) -> a + "," + b); // API Gateway joins repeated parameters with commas
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
