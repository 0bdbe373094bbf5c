package dev.oms.platform.http;

import dev.oms.app.security.Permission;

/**
 * One route of an endpoint group, keyed like API Gateway's route key ({@code POST /v1/orders/{orderId}/confirm}).
 * {@code permission} null means the route is public (it may still look at a token if one is sent). A {@link #sudo()}
 * route ({@link #sudoRequired()}) also needs a step-up token ({@code X-Admin-Auth-Sudo}, docs/admin-api.md); a {@link #reason()} route ({@link #reasonRequired()}) needs a
 * body field {@code reason} (3 to 500 characters), which the request's command carries to the audit.
 */
public record Route(String method, String path, Endpoint endpoint, Permission permission, boolean sudoRequired, boolean reasonRequired) {

    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(ApiRequest request);
    }

    public Route(String method, String path, Endpoint endpoint, Permission permission) {
        this(method, path, endpoint, permission, false, false);
    }

    public static Route get(String path, Endpoint e) { return new Route("GET", path, e, null); }

    public static Route post(String path, Endpoint e) { return new Route("POST", path, e, null); }

    public static Route patch(String path, Endpoint e) { return new Route("PATCH", path, e, null); }

    public static Route delete(String path, Endpoint e) { return new Route("DELETE", path, e, null); }

    public Route requires(Permission p) { return new Route(method, path, endpoint, p, sudoRequired, reasonRequired); }

    /** The route refuses a caller without a valid sudo token: 403 {@code auth.sudo_required}. */
    public Route sudo() { return new Route(method, path, endpoint, permission, true, reasonRequired); }

    /** The route refuses a body without a {@code reason}: 400 {@code validation.reason_required}. */
    public Route reason() { return new Route(method, path, endpoint, permission, sudoRequired, true); }

    public String key() { return method + " " + path; }

    /** POST, PATCH and DELETE honour Idempotency-Key. */
    public boolean idempotent() { return !method.equals("GET"); }
}
