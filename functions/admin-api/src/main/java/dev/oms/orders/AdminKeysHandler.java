package dev.oms.orders;

import static dev.oms.app.security.Permission.ADMIN_KEYS;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.keys.ApiKey;
import dev.oms.app.keys.ApiKeyService;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys of the tenant's integrations (docs/admin-api.md, "API keys"): {@code POST /v1/admin/keys} (sudo) creates
 * one and shows its secret once; {@code GET /v1/admin/keys} lists them without secrets;
 * {@code POST /v1/admin/keys/{keyId}/revoke} (sudo and a reason) revokes one at once.
 */
public final class AdminKeysHandler extends ApiHandler {
    private final AdminApi p;
    private final Routes routes;

    public AdminKeysHandler() { this(AdminApi.get()); }

    AdminKeysHandler(AdminApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/keys", this::create).requires(ADMIN_KEYS).sudo(),
                get("/v1/admin/keys", this::list).requires(ADMIN_KEYS),
                post("/v1/admin/keys/{keyId}/revoke", this::revoke).requires(ADMIN_KEYS).sudo().reason());
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse create(ApiRequest r) {
        if (r.header("idempotency-key") != null) {
            throw ApiProblem.badRequest("idempotency.not_supported",
                    "POST /v1/admin/keys does not take an Idempotency-Key: a key's secret is shown once and never stored");
        }
        Body b = Body.parse(r.body()).allow("name", "roles", "expires_at");
        String name = b.string("name", true, 100);
        var roles = b.strings("roles", true, 1, 10, 64);
        String expires = b.string("expires_at", false, 40);
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Times.parse(expires);
            } catch (DateTimeParseException e) {
                b.error("expires_at", "field.format", "expires_at must be an RFC 3339 date-time");
            }
        }
        b.check();
        Set<String> set = new LinkedHashSet<>(roles);
        ApiKeyService.Issued issued = p.keys.create(r.command(), name, set, expiresAt);
        ObjectNode o = view(issued.key());
        o.put("secret", issued.secret());
        return ApiResponse.created(o, "/v1/admin/keys").withHeader("cache-control", "no-store");
    }

    /** {@code {"reason": "..."}}: the key is refused on every surface from the next request on. */
    private ApiResponse revoke(ApiRequest r) {
        Body.parse(r.body()).allow("reason").check();
        return r.execute(k -> ApiResponse.ok(view(k)), ctx -> p.keys.revoke(ctx, r.pathParam("keyId")));
    }

    private ApiResponse list(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String fingerprint = "admin-keys";
        return Pages.render(p.keys.list(r.caller().tenantId(), r.page(p.cursors, fingerprint)), AdminKeysHandler::view, p.cursors, fingerprint);
    }

    static ObjectNode view(ApiKey k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("prefix", k.prefix());
        ArrayNode roles = o.putArray("roles");
        new TreeSet<>(k.roles()).forEach(roles::add);
        o.put("created_by", k.createdBy());
        o.put("created_at", Times.format(k.createdAt()));
        o.put("expires_at", Times.format(k.expiresAt()));
        o.put("revoked_at", Times.format(k.revokedAt()));
        o.put("last_used_at", Times.format(k.lastUsedAt()));
        return o;
    }
}
