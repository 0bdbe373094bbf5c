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

    /** The tenant's keys, newest first. */
    Page<ApiKey> list(String tenantId, PageRequest page);
}
