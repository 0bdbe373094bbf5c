package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.ShippingRecordStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.ShippingRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Commits a shipping record with its events, claims and the idempotent response, like {@code OrderTransactions} does
 * for orders: an {@code If-Match} that is not the current version is 409 {@code <type>.version_conflict}; without one, a
 * lost race re-reads the record and applies the change again.
 */
public final class ShippingCommits {
    static final int MAX_ATTEMPTS = 8;

    private final ShippingRecordStore store;
    private final Clock clock;

    public ShippingCommits(ShippingRecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ShippingRecordStore store() { return store; }

    /** What a change makes: the next record, its events and the names it claims. */
    public record Change<T extends ShippingRecord>(T next, List<DomainEvent> events, List<ShippingRecordStore.Claim> claims) {
        public Change(T next, List<DomainEvent> events) { this(next, events, List.of()); }
    }

    public <T extends ShippingRecord> T get(CommandContext ctx, Class<T> type, String id, String notFoundCode) {
        return store.find(ctx.tenantId(), type, id).orElseThrow(() -> DomainException.notFound(notFoundCode, "No " + type.getSimpleName() + " " + id));
    }

    /** Writes a new record (version 1). */
    public <T extends ShippingRecord> T create(CommandContext ctx, Change<T> c) {
        store.save(ctx.tenantId(), c.next(), c.events(), meta(ctx), c.claims(), ctx.journal().recordFor(c.next()));
        ctx.journal().written();
        return c.next();
    }

    /** Changes the current record; the expected version, when the caller gave one, must be the current one. */
    public <T extends ShippingRecord> T update(CommandContext ctx, Class<T> type, String id, String notFoundCode, Function<T, Change<T>> change) {
        for (int attempt = 1; ; attempt++) {
            T current = get(ctx, type, id, notFoundCode);
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw versionConflict(current);
            Change<T> c = change.apply(current);
            try {
                store.save(ctx.tenantId(), c.next(), c.events(), meta(ctx), c.claims(), ctx.journal().recordFor(c.next()));
                ctx.journal().written();
                return c.next();
            } catch (ConcurrentUpdateException lost) {
                if (ctx.expectedVersion() != null) throw versionConflict(current);
                if (attempt >= MAX_ATTEMPTS) {
                    throw DomainException.conflict(current.aggregateType() + ".contention", "Too many concurrent changes of " + id, "Retry shortly.");
                }
            }
        }
    }

    private static DomainException versionConflict(ShippingRecord current) {
        return DomainException.conflict(current.aggregateType() + ".version_conflict", current.id() + " has changed since you read it (it is now at version "
                + current.version() + ")", "GET it again and send the change with the new ETag.").with("current_version", current.version());
    }

    CommandMeta meta(CommandContext ctx) {
        Map<String, String> md = new LinkedHashMap<>();
        if (ctx.caller().impersonatedBy() != null) md.put("impersonated_by", ctx.caller().impersonatedBy());
        return new CommandMeta(ctx.caller().actor(), ctx.correlationId(), clock.instant(), ctx.reason(), md,
                ctx.caller().roles().stream().sorted().toList(), ctx.clientIp());
    }

    /** An event about a shipping record. */
    public static DomainEvent event(String type, Map<String, Object> data) { return DomainEvent.of(type, data); }
}
