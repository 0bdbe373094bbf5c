package dev.oms.app.keys;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.app.security.WarehouseScope;
import dev.oms.app.security.Permission;
import dev.oms.app.security.RolePermissions;
import dev.oms.domain.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys for integrations (docs/admin-api.md, "API keys"): created by staff with {@code admin:keys} (and a sudo
 * token, checked by the route), scoped to roles whose permissions the creator holds, shown once and stored hashed,
 * expiring (default 90 days, at most 365); and the check of a presented key, which the request path of every surface
 * uses next to the token verification.
 */
public final class ApiKeyService {
    /** A key's {@code last_used_at} is written at most once per this much time (one conditional write, not one per request). */
    public static final java.time.Duration USE_PRECISION = java.time.Duration.ofMinutes(15);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** Roles a key never carries: keys are integrations, never a customer, a guest or a person on a warehouse floor. */
    private static final Set<String> NOT_FOR_KEYS = Set.of("customer", "guest", "picker", "packer", "qc_agent");

    private final ApiKeyStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** Warehouse keys: for the people and devices on a warehouse floor, short-lived. */
    public static final Duration WAREHOUSE_DEFAULT_LIFETIME = Duration.ofHours(12);
    public static final Duration WAREHOUSE_MAX_LIFETIME = Duration.ofDays(7);
    public static final Set<String> WAREHOUSE_KEY_ROLES = Set.of("picker", "packer", "qc_agent", "warehouse_supervisor");

    /** A new key and its secret, which exists only in this answer. */
    public record Issued(ApiKey key, String secret) { }

    public Issued create(CommandContext ctx, String name, Set<String> roles, Instant expiresAt) {
        for (String role : roles) {
            if (!RolePermissions.isRole(role) || NOT_FOR_KEYS.contains(role)) {
                throw DomainException.invalidField("roles", "api_key.role_unknown", "A key cannot carry the role " + role);
            }
        }
        return issue(ctx, name, roles, expiresAt, DEFAULT_LIFETIME, MAX_LIFETIME, "365 days", null, null);
    }

    /**
     * A warehouse key (seed 003 {@code POST /v1/fulfillment/keys}): one role of {@link #WAREHOUSE_KEY_ROLES} (400
     * {@code api_key.role_unknown}) whose permissions are the creator's (422 {@code api_key.scope_exceeds_creator}),
     * scoped to {@code warehouseId} (a warehouse key's creator only in its own: 403 {@code auth.warehouse_scope}) and,
     * when {@code deviceId} is given, bound to that device (checked registered to the warehouse by the caller); 12 hours
     * by default, at most 7 days (400 {@code api_key.expiry_invalid}).
     */
    public Issued createWarehouseKey(CommandContext ctx, String name, String role, String warehouseId, String deviceId, Instant expiresAt) {
        if (!WAREHOUSE_KEY_ROLES.contains(role)) {
            throw DomainException.invalidField("role", "api_key.role_unknown", "A warehouse key carries one of " + WAREHOUSE_KEY_ROLES.stream().sorted().toList());
        }
        WarehouseScope.require(ctx.caller(), warehouseId);
        return issue(ctx, name, Set.of(role), expiresAt, WAREHOUSE_DEFAULT_LIFETIME, WAREHOUSE_MAX_LIFETIME, "7 days", warehouseId, deviceId);
    }

    /** Mints and stores a key whose roles grant only the creator's permissions, with its expiry checked against the bounds. */
    private Issued issue(CommandContext ctx, String name, Set<String> roles, Instant expiresAt, Duration defaultLifetime, Duration maxLifetime,
                         String maxText, String warehouseId, String deviceId) {
        Caller creator = ctx.caller();
        Instant now = clock.instant();
        Set<Permission> wanted = EnumSet.noneOf(Permission.class);
        wanted.addAll(RolePermissions.of(roles));
        wanted.removeAll(creator.permissions());
        if (!wanted.isEmpty()) {
            throw DomainException.unprocessable("api_key.scope_exceeds_creator",
                    "The key's roles grant permissions you do not have: " + wanted.stream().map(Permission::wire).sorted().toList(),
                    "A key's roles must grant a subset of its creator's permissions.");
        }
        Instant expiry = expiresAt == null ? now.plus(defaultLifetime) : expiresAt;
        if (!expiry.isAfter(now) || expiry.isAfter(now.plus(maxLifetime))) {
            throw DomainException.invalidField("expires_at", "api_key.expiry_invalid", "expires_at must be in the future and within " + maxText);
        }
        String id = ids.next("key");
        String secret = ApiKeySecrets.newSecret(id);
        ApiKey key = new ApiKey(id, creator.tenantId(), name, ApiKeySecrets.hash(secret), roles, creator.subject(), now, expiry, null,
                warehouseId, deviceId, null);
        store.create(key, ids.next("evt"), meta(ctx, now));
        return new Issued(key, secret);
    }

    /** Revokes a warehouse key; an integration key (or another tenant's, or none) is 404 {@code api_key.not_found} here. */
    public ApiKey revokeWarehouseKey(CommandContext ctx, String keyId) {
        ApiKey key = store.find(keyId).filter(k -> k.tenantId().equals(ctx.tenantId()) && k.isWarehouseKey()
                        && ctx.caller().mayUseWarehouse(k.warehouseId()))
                .orElseThrow(() -> DomainException.notFound("api_key.not_found", "No warehouse key " + keyId));
        return revoke(ctx, key);
    }

    /**
     * Revokes a key of the caller's tenant at once: every surface refuses it from the next request on (the request
     * path reads the key on each call). 404 {@code api_key.not_found} for an unknown key or another tenant's; 409
     * {@code api_key.revoked} when it is revoked already. The event {@code api_key.revoked} carries the reason.
     */
    public ApiKey revoke(CommandContext ctx, String keyId) {
        return revoke(ctx, store.find(keyId).filter(k -> k.tenantId().equals(ctx.tenantId()))
                .orElseThrow(() -> DomainException.notFound("api_key.not_found", "No API key " + keyId)));
    }

    private ApiKey revoke(CommandContext ctx, ApiKey key) {
        if (key.revokedAt() != null) throw alreadyRevoked(key.id());
        Instant now = clock.instant();
        ApiKey revoked = key.revokedAt(now);
        if (!store.revoke(revoked, ids.next("evt"), meta(ctx, now))) throw alreadyRevoked(key.id());
        return revoked;
    }

    private static CommandMeta meta(CommandContext ctx, Instant now) {
        Caller caller = ctx.caller();
        return new CommandMeta(caller.actor(), ctx.correlationId(), now, ctx.reason(), Map.of(), caller.roles().stream().sorted().toList(),
                ctx.clientIp());
    }

    private static DomainException alreadyRevoked(String keyId) {
        return DomainException.conflict("api_key.revoked", "The API key " + keyId + " is revoked already",
                "A revoked key stays revoked; create another key if the integration needs one.");
    }

    public Page<ApiKey> list(String tenantId, PageRequest page) { return store.list(tenantId, page); }

    /** The live key a presented secret belongs to: empty when unknown, wrong, revoked or expired. */
    public Optional<ApiKey> authenticate(String secret) {
        String id = ApiKeySecrets.keyId(secret);
        if (id == null) return Optional.empty();
        Instant now = clock.instant();
        Optional<ApiKey> key = store.find(id).filter(k -> ApiKeySecrets.matches(secret, k.secretHash()) && k.usableAt(now));
        key.filter(k -> k.lastUsedAt() == null || !k.lastUsedAt().plus(USE_PRECISION).isAfter(now)).ifPresent(k -> {
            try {
                store.recordUse(k.id(), now, now.minus(USE_PRECISION));
            } catch (RuntimeException e) {
                System.getLogger("oms.keys").log(System.Logger.Level.WARNING, "last use of key {0} not recorded: {1}", k.id(), e.toString());
            }
        });
        return key;
    }
}
