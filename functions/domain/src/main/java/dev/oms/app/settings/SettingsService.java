package dev.oms.app.settings;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.port.OrderSettingsStore.HistoryEntry;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import dev.oms.domain.settings.SettingsPatch;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads and changes the tenant's settings. A change is checked whole (every bad field is in the 400), pinned to a
 * version with {@code If-Match} (409 {@code settings.version_conflict} with {@code current_version} otherwise), and
 * written with its history entry; without {@code If-Match} a lost race is re-read and re-applied, so no change is lost.
 */
public final class SettingsService {
    static final int MAX_ATTEMPTS = 8;

    private final OrderSettingsStore store;
    private final Clock clock;

    public SettingsService(OrderSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Versioned get(CommandContext ctx) { return store.load(ctx.tenantId()); }

    public Page<HistoryEntry> history(CommandContext ctx, PageRequest page) { return store.history(ctx.tenantId(), page); }

    public Versioned patch(CommandContext ctx, SettingsPatch patch) {
        for (int attempt = 1; ; attempt++) {
            Versioned current = store.load(ctx.tenantId());
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw conflict(current.version());
            SettingsPatch.Result r = patch.applyTo(current.settings());
            if (r.changes().isEmpty()) return current;
            Instant now = clock.instant();
            Versioned next = new Versioned(r.settings(), current.version() + 1, now, ctx.caller().subject());
            HistoryEntry entry = new HistoryEntry(next.version(), now, ctx.caller().subject(), ctx.caller().kind(), ctx.correlationId(),
                    ctx.reason(), r.changes());
            try {
                store.save(ctx.tenantId(), current.version(), next, entry, ctx.journal().recordFor(next));
                ctx.journal().written();
                return next;
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null || attempt >= MAX_ATTEMPTS) throw conflict(e.currentVersion());
            }
        }
    }

    private static DomainException conflict(long current) {
        return DomainException.conflict("settings.version_conflict", "The settings have changed since you read them (they are now at version " + current + ")",
                "GET the settings, re-apply your change and send it with the new ETag.").with("current_version", current);
    }
}
