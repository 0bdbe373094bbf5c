package dev.oms.app.keys;

import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import java.util.Optional;

/** Where API keys live: by id (the credential's lookup) and by tenant (the admin list). */
public interface ApiKeyStore {
    /** Stores a new key and, in the same write, its event {@code api_key.created} (id {@code eventId}). */
    void create(ApiKey key, String eventId, CommandMeta meta);

    Optional<ApiKey> find(String keyId);

    /**
     * Stores the revocation of a live key ({@code revoked} carries {@code revoked_at}) and, in the same write, its
     * event {@code api_key.revoked}; false when the key was revoked meanwhile (nothing written).
     */
    boolean revoke(ApiKey revoked, String eventId, CommandMeta meta);

    /** The tenant's keys, newest first. */
    Page<ApiKey> list(String tenantId, PageRequest page);

    /** Records that the key signed a request in at {@code at}, unless a use since {@code unlessSince} is already recorded. */
    void recordUse(String keyId, java.time.Instant at, java.time.Instant unlessSince);
}
