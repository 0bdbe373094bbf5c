package dev.oms.app.keys;

import java.time.Instant;
import java.util.Set;

/**
 * An API key of a tenant's integration (docs/admin-api.md, "API keys"): its id (also the visible prefix of the
 * secret), the SHA-256 of the secret (the secret itself is shown once and never stored), the roles it acts with (a
 * subset of its creator's permissions), who created it, when it expires and whether it was revoked.
 */
public record ApiKey(String id, String tenantId, String name, String secretHash, Set<String> roles, String createdBy,
                     Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public ApiKey {
        roles = Set.copyOf(roles);
    }

    /** The part of the secret that may be shown: {@code omsk_<id>}. */
    public String prefix() { return ApiKeySecrets.PREFIX + id; }

    public boolean usableAt(Instant now) { return revokedAt == null && now.isBefore(expiresAt); }

    /** This key, revoked at {@code at}. */
    public ApiKey revokedAt(Instant at) {
        return new ApiKey(id, tenantId, name, secretHash, roles, createdBy, createdAt, expiresAt, at);
    }
}
