package dev.oms.app.settings;

import static dev.oms.DomainAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.domain.settings.OrderSettings;
import dev.oms.domain.settings.SettingsPatch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {
    /** An in-memory store that can be told to lose the next write to a concurrent one. */
    static final class InMemorySettings implements OrderSettingsStore {
        final Map<String, Versioned> items = new HashMap<>();
        final List<HistoryEntry> history = new ArrayList<>();
        Runnable beforeNextSave;

        @Override public Versioned load(String tenantId) {
            return items.getOrDefault(tenantId, new Versioned(OrderSettings.DEFAULTS, DEFAULTS_VERSION, null, null));
        }

        @Override public void save(String tenantId, long expectedVersion, Versioned next, HistoryEntry entry, IdempotencyRecord idempotency) {
            if (beforeNextSave != null) { Runnable r = beforeNextSave; beforeNextSave = null; r.run(); }
            long current = load(tenantId).version();
            if (current != expectedVersion) throw new ConcurrentUpdateException(current);
            items.put(tenantId, next);
            history.add(entry);
        }

        @Override public Page<HistoryEntry> history(String tenantId, PageRequest page) { return new Page<>(List.copyOf(history), null); }
    }

    final InMemorySettings store = new InMemorySettings();
    final SettingsService service = new SettingsService(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    static CommandContext ctx(Long expected) {
        return new CommandContext(new Caller("t1", "admin_1", "agent", Set.of("admin"), null, null), "corr-1", expected, "why", null);
    }

    @Test
    void aChangeIsVersionedAndRecordedWithWhoWhenAndWhy() {
        var v = service.patch(ctx(null), new SettingsPatch().set("return_window_days", 10L));
        assertThat(v.version()).isEqualTo(2);
        assertThat(v.updatedBy()).isEqualTo("admin_1");
        assertThat(store.history).singleElement().satisfies(h -> {
            assertThat(h.version()).isEqualTo(2);
            assertThat(h.reason()).isEqualTo("why");
            assertThat(h.correlationId()).isEqualTo("corr-1");
            assertThat(h.changes()).extracting(SettingsPatch.Change::field).containsExactly("return_window_days");
        });
        assertThat(service.patch(ctx(null), new SettingsPatch().set("return_window_days", 10L)).version()).isEqualTo(2);
        assertThat(store.history).hasSize(1);
    }

    @Test
    void aPinnedVersionThatIsNotCurrentIsAConflict() {
        service.patch(ctx(null), new SettingsPatch().set("allow_hard_delete", true));
        var e = failsWith(() -> service.patch(ctx(1L), new SettingsPatch().set("return_window_days", 5L)), "settings.version_conflict");
        assertThat(e.details()).containsEntry("current_version", 2L);
    }

    @Test
    void aLostRaceIsReappliedOnTopOfTheOtherChangeUnlessPinned() {
        store.beforeNextSave = () -> store.items.put("t1", new OrderSettingsStore.Versioned(
                new SettingsPatch().set("default_warehouse", "wh-9").applyTo(OrderSettings.DEFAULTS).settings(), 2, null, "other"));
        var v = service.patch(ctx(null), new SettingsPatch().set("return_window_days", 7L));
        assertThat(v.version()).isEqualTo(3);
        assertThat(v.settings().defaultWarehouse()).isEqualTo("wh-9");
        assertThat(v.settings().returnWindowDays()).isEqualTo(7);

        store.beforeNextSave = () -> store.items.put("t1", new OrderSettingsStore.Versioned(OrderSettings.DEFAULTS, 4, null, "other"));
        failsWith(() -> service.patch(ctx(3L), new SettingsPatch().set("return_window_days", 8L)), "settings.version_conflict");
    }
}
