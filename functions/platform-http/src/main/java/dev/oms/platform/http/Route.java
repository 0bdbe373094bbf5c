package dev.oms.platform.http;

import dev.oms.app.security.Permission;

/**
 * One route of an endpoint group, keyed like API Gateway's route key ({@code POST /v1/orders/{orderId}/confirm}).
 * {@code permission} null means the route is public (it may still look at a token if one is sent).
 */
public record Route(String method, String path, Endpoint endpoint, Permission permission) {

    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(ApiRequest request);
    }

    public static Route get(String path, Endpoint e) { return new Route("GET", path, e, null); }

    public static Route post(String path, Endpoint e) { return new Route("POST", path, e, null); }

    public static Route patch(String path, Endpoint e) { return new Route("PATCH", path, e, null); }

    public static Route delete(String path, Endpoint e) { return new Route("DELETE", path, e, null); }

    public Route requires(Permission p) { return new Route(method, path, endpoint, p); }

    public String key() { return method + " " + path; }

    /** POST, PATCH and DELETE honour Idempotency-Key. */
    public boolean idempotent() { return !method.equals("GET"); }
}
