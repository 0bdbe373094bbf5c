package dev.oms.orders;

import static dev.oms.app.security.Permission.ADMIN_SUDO;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.app.security.Permission;
import dev.oms.platform.auth.BearerAuthentication;
import dev.oms.platform.auth.SudoTokens;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/**
 * The admin API's own security routes (docs/admin-api.md): the step-up ({@code POST /v1/admin/sudo}: a fresh
 * sign-in token in, a 5-minute sudo token bound to this bearer token out) and the caller's permissions.
 */
public final class AdminSecurityHandler extends ApiHandler {
    private final AdminApi p;
    private final Routes routes;

    public AdminSecurityHandler() { this(AdminApi.get()); }

    AdminSecurityHandler(AdminApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/sudo", this::sudo).requires(ADMIN_SUDO),
                get("/v1/admin/permissions/me", this::permissions).requires(ORDERS_READ),
                post("/v1/admin/orders/{orderId}/impersonate-customer", this::impersonate).requires(Permission.ADMIN_IMPERSONATE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"mode": "read|write", "ttl_seconds", "reason"}}: a token acting as the order's customer (docs/admin-api.md,
     * "Impersonation"); {@code write} needs sudo and a reason. No Idempotency-Key: a replay would have to store the token.
     */
    private ApiResponse impersonate(ApiRequest r) {
        if (r.header("idempotency-key") != null) {
            throw ApiProblem.badRequest("idempotency.not_supported",
                    "impersonate-customer does not take an Idempotency-Key: its token is shown once and never stored");
        }
        Body b = Body.parseOptional(r.body()).allow("mode", "ttl_seconds", "reason");
        String mode = b.oneOf("mode", false, java.util.Set.of(dev.oms.app.impersonation.Impersonation.READ, dev.oms.app.impersonation.Impersonation.WRITE));
        Long ttl = b.integer("ttl_seconds", false, dev.oms.app.impersonation.Impersonation.MIN_TTL.toSeconds(),
                dev.oms.app.impersonation.Impersonation.MAX_TTL.toSeconds());
        String reason = b.string("reason", false, 500);
        b.check();
        boolean write = dev.oms.app.impersonation.Impersonation.WRITE.equals(mode);
        if (write) {
            r.requireSudo();
            if (reason == null || reason.trim().length() < 3) {
                throw new ApiProblem(400, "validation.reason_required", "A write impersonation needs a reason of 3 to 500 characters",
                        "Say why in the body field reason; it goes to the audit and the customer's notice.", java.util.Map.of(),
                        java.util.List.of(new dev.oms.domain.DomainException.FieldError("reason", "validation.reason_required", "reason must have 3 to 500 characters")));
            }
        }
        java.time.Duration lifetime = ttl == null ? dev.oms.app.impersonation.Impersonation.MAX_TTL : java.time.Duration.ofSeconds(ttl);
        var granted = p.impersonation.impersonate(r.command().withReason(reason), r.pathParam("orderId"), write ? "write" : "read", lifetime);
        String token = p.tokens.mint(granted.caller(), lifetime.toSeconds());
        ObjectNode o = Json.object();
        o.put("token", token);
        o.put("token_type", "Bearer");
        o.put("expires_at", Times.format(granted.expiresAt()));
        o.put("mode", granted.mode());
        o.put("order_id", granted.order().id());
        o.put("customer_id", granted.caller().customerId());
        o.put("impersonator", granted.caller().impersonatedBy());
        o.put("reason", reason);
        return ApiResponse.created(o, "/v1/customer/orders/" + granted.order().id()).withHeader("cache-control", "no-store");
    }

    private ApiResponse sudo(ApiRequest r) {
        Body b = Body.parse(r.body()).allow("reauth_token");
        String reauth = b.string("reauth_token", true, 8192);
        b.check();
        BearerAuthentication.Outcome who = BearerAuthentication.shared().verify(reauth);
        SudoTokens.Issued issued;
        try {
            issued = p.sudo.issue(r.caller(), BearerAuthentication.bearerToken(r.header("authorization")), who.caller(),
                    who.caller() == null ? null : BearerAuthentication.authTime(reauth));
        } catch (SudoTokens.Refused e) {
            throw new ApiProblem(403, "auth.reauth_failed", "No step-up: " + e.getMessage(),
                    "Sign in again (a token under 5 minutes old, for yourself) and send it as reauth_token.");
        }
        ObjectNode o = Json.object();
        o.put("sudo_token", issued.token());
        o.put("expires_at", Times.format(issued.expiresAt()));
        o.put("header", SudoTokens.HEADER_NAME);
        return ApiResponse.ok(o).withHeader("cache-control", "no-store");
    }

    private ApiResponse permissions(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        Caller c = r.caller();
        ObjectNode o = Json.object();
        o.put("subject", c.subject());
        o.put("tenant_id", c.tenantId());
        o.put("kind", c.kind());
        ArrayNode roles = o.putArray("roles");
        c.roles().stream().sorted().forEach(roles::add);
        ArrayNode perms = o.putArray("permissions");
        c.permissions().stream().map(Permission::wire).forEach(perms::add);
        if (c.impersonatedBy() != null) o.put("impersonated_by", c.impersonatedBy());
        o.put("sudo_active", sudoActive(r));
        return ApiResponse.ok(o);
    }

    /** Whether the request carries a live sudo token of this session (GET routes never need one; the UI asks). */
    private boolean sudoActive(ApiRequest r) {
        String token = r.header(SudoTokens.HEADER_NAME);
        if (token == null) return false;
        try {
            p.sudo.verify(token, r.caller(), BearerAuthentication.bearerToken(r.header("authorization")));
            return true;
        } catch (SudoTokens.Refused e) {
            return false;
        }
    }
}
