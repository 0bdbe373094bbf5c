package dev.oms.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import dev.oms.app.security.Caller;
import dev.oms.platform.auth.TokenService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * API Gateway HTTP API (payload 2.0) events as the gateway hands them to a function: route key, raw path, path and
 * query parameters, headers and body. The caller is a bearer token the OMS issued (signed with {@code OMS_TOKEN_SECRET}),
 * which the function verifies itself, as on Lambda (there is no authorizer in front).
 * <pre>Events.request("GET", "/v1/orders/{orderId}").path("orderId", id).query("expand", "lines").as(caller).build()</pre>
 */
final class Events {
    private final String method;
    private final String route;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private Caller caller;

    private Events(String method, String route) {
        this.method = method;
        this.route = route;
        headers.put("accept", "application/json");
    }

    /** A request to the route {@code route} (a template path such as {@code /v1/orders/{orderId}}). */
    static Events request(String method, String route) { return new Events(method, route); }

    /** An agent of {@code tenant}. */
    static Caller agent(String tenant) { return new Caller(tenant, "bench-agent", "agent", Set.of("agent"), null, null); }

    /** A create-order body in GBP with {@code lines} lines. */
    static String orderBody(String customerId, int lines) {
        StringJoiner items = new StringJoiner(",", "[", "]");
        for (int i = 1; i <= lines; i++) items.add(lineBody("SKU-" + i, i, 999L * i));
        return "{\"customer_id\":\"" + customerId + "\",\"currency\":\"GBP\",\"items\":" + items + "}";
    }

    static String lineBody(String sku, int quantity, long unitPrice) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unit_price\":{\"amount\":" + unitPrice + ",\"currency\":\"GBP\"}}";
    }

    Events path(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    Events query(String name, String value) {
        query.put(name, value);
        return this;
    }

    Events header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A JSON body (sets content-type application/json). */
    Events body(String json) {
        this.body = json;
        headers.put("content-type", "application/json");
        return this;
    }

    Events as(Caller c) {
        this.caller = c;
        return this;
    }

    APIGatewayV2HTTPEvent build() {
        String rawPath = route;
        for (var p : pathParameters.entrySet()) rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        StringJoiner rawQuery = new StringJoiner("&");
        query.forEach((k, v) -> rawQuery.add(k + "=" + v));
        RequestContext.RequestContextBuilder context = RequestContext.builder()
                .withRouteKey(method + " " + route)
                .withRequestId(UUID.randomUUID().toString())
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .withHttp(RequestContext.Http.builder().withMethod(method).withPath(rawPath).withProtocol("HTTP/1.1")
                        .withSourceIp("127.0.0.1").withUserAgent("oms-benchmark").build());
        if (caller != null) headers.put("authorization", "Bearer " + TokenService.fromEnvironment().mint(caller, 3600));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + route)
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery.toString())
                .withQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query))
                .withPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters))
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context.build())
                .build();
    }
}
