package dev.oms.app.keys;

import java.time.Instant;
import java.util.Set;

/**
 * An API key of a tenant's integration (docs/admin-api.md, "API keys"): its id (also the visible prefix of the
 * secret), the SHA-256 of the secret (the secret itself is shown once and never stored), the roles it acts with (a
 * subset of its creator's permissions), who created it, when it expires and whether it was revoked. A warehouse key
 * also names the warehouse it is scoped to and, optionally, the registered device it is bound to. {@code lastUsedAt}
 * is when it last signed a request in, to within {@link ApiKeyService#USE_PRECISION} (null: never).
 */
public record ApiKey(String id, String tenantId, String name, String secretHash, Set<String> roles, String createdBy,
                     Instant createdAt, Instant expiresAt, Instant revokedAt, String warehouseId, String deviceId, Instant lastUsedAt) {
    public ApiKey {
        roles = Set.copyOf(roles);
    }

    /** An integration key (no warehouse scope). */
    public ApiKey(String id, String tenantId, String name, String secretHash, Set<String> roles, String createdBy,
                  Instant createdAt, Instant expiresAt, Instant revokedAt) {
        this(id, tenantId, name, secretHash, roles, createdBy, createdAt, expiresAt, revokedAt, null, null, null);
    }

    /** A warehouse key (seed 003 {@code /v1/fulfillment/keys}): scoped to one warehouse, and to one device when {@code deviceId} is set. */
    public boolean isWarehouseKey() { return warehouseId != null; }

    /** The part of the secret that may be shown: {@code omsk_<id>}. */
    public String prefix() { return ApiKeySecrets.PREFIX + id; }

    public boolean usableAt(Instant now) { return revokedAt == null && now.isBefore(expiresAt); }

    /** This key, revoked at {@code at}. */
    public ApiKey revokedAt(Instant at) {
        return new ApiKey(id, tenantId, name, secretHash, roles, createdBy, createdAt, expiresAt, at, warehouseId, deviceId, lastUsedAt);
    }
}
