package dev.oms.app.port;

import dev.oms.domain.settings.OrderSettings;
import dev.oms.domain.settings.SettingsPatch;
import java.time.Instant;
import java.util.List;

/**
 * The tenant's settings item, versioned (1: the tenant never changed them and has the defaults), and its history:
 * one record per change (who, when, the correlation id, each field before and after), written in the same
 * transaction as the change.
 */
public interface OrderSettingsStore {
    /** The version of a tenant's settings before its first change (an ETag is 1 or more). */
    long DEFAULTS_VERSION = 1;

    record Versioned(OrderSettings settings, long version, Instant updatedAt, String updatedBy) { }

    record HistoryEntry(long version, Instant at, String actorId, String actorType, String correlationId, String reason,
                        List<SettingsPatch.Change> changes) { }

    Versioned load(String tenantId);

    /**
     * Writes the settings as version {@code expectedVersion + 1} with their history entry and the idempotent response;
     * {@link ConcurrentUpdateException} when the stored version is not {@code expectedVersion}.
     */
    void save(String tenantId, long expectedVersion, Versioned next, HistoryEntry entry, IdempotencyRecord idempotency);

    /** The history, newest first. */
    Page<HistoryEntry> history(String tenantId, PageRequest page);
}
