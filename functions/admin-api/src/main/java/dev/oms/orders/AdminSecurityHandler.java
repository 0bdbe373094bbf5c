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
                get("/v1/admin/permissions/me", this::permissions).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

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
