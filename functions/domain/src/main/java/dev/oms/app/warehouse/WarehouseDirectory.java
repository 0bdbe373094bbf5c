package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.FulfilmentIndex;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WarehouseStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.domain.warehouse.Warehouses;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tenant's warehouses (seed 003 section 8): create, change (guarded by the warehouse's {@code version}), delete
 * (refused while an open fulfilment names it), zones, workers and workstations. Each change writes its
 * {@code warehouse.*} event with the warehouse.
 */
public final class WarehouseDirectory {
    public static final java.util.Set<String> WORKSTATION_TYPES = java.util.Set.of("pack_station", "scale", "print_station", "qc_station");

    private final WarehouseStore store;
    private final FulfilmentIndex fulfilments;
    private final IdGenerator ids;
    private final Clock clock;

    public WarehouseDirectory(WarehouseStore store, FulfilmentIndex fulfilments, IdGenerator ids, Clock clock) {
        this.store = store;
        this.fulfilments = fulfilments;
        this.ids = ids;
        this.clock = clock;
    }

    public Warehouse get(CommandContext ctx, String id) {
        return store.find(ctx.tenantId(), id).orElseThrow(() -> DomainException.notFound("warehouse.not_found", "No warehouse " + id));
    }

    public Page<Warehouse> list(CommandContext ctx, PageRequest page) { return store.list(ctx.tenantId(), page); }

    public List<Warehouse> all(CommandContext ctx) { return store.all(ctx.tenantId()); }

    /** {@code draft}: every field but id, version and the audit fields. */
    public Warehouse create(CommandContext ctx, Warehouse draft) {
        Instant now = clock.instant();
        Warehouse w = new Warehouse(ids.next("wh"), draft.name(), draft.status() == null ? Warehouse.ACTIVE : draft.status(), draft.address(),
                draft.timezone(), draft.location(), draft.serviceableRegions(), draft.capabilities(), draft.cutoffs(), draft.openingHours(),
                draft.zones(), 1, now, ctx.caller().subject(), now, ctx.caller().subject());
        Warehouses.check(w);
        store.create(ctx.tenantId(), w, event("warehouse.created", w, Map.of()), meta(ctx, now), ctx.journal().recordFor(w));
        ctx.journal().written();
        return w;
    }

    /** Applies {@code change} to the current warehouse (at the caller's {@code If-Match} version when given). */
    public Warehouse update(CommandContext ctx, String id, List<String> fields, UnaryOperator<Warehouse> change) {
        Warehouse current = get(ctx, id);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw versionConflict(current.version());
        Instant now = clock.instant();
        Warehouse c = change.apply(current);
        Warehouse next = new Warehouse(id, c.name(), c.status(), c.address(), c.timezone(), c.location(), c.serviceableRegions(), c.capabilities(),
                c.cutoffs(), c.openingHours(), c.zones(), current.version() + 1, current.createdAt(), current.createdBy(), now, ctx.caller().subject());
        Warehouses.check(next);
        try {
            store.update(ctx.tenantId(), next, current.version(), event("warehouse.updated", next, Map.of("fields", fields)), meta(ctx, now),
                    ctx.journal().recordFor(next));
        } catch (ConcurrentUpdateException e) {
            throw versionConflict(e.currentVersion());
        }
        ctx.journal().written();
        return next;
    }

    /** Deletes a warehouse no open fulfilment names (409 {@code warehouse.has_open_fulfillments} otherwise). */
    public Warehouse delete(CommandContext ctx, String id) {
        Warehouse current = get(ctx, id);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw versionConflict(current.version());
        if (fulfilments.anyOpen(ctx.tenantId(), id)) {
            throw DomainException.conflict("warehouse.has_open_fulfillments", "Warehouse " + id + " has open fulfilments",
                    "Ship, move or cancel its open fulfilments first, or set its status to inactive.");
        }
        try {
            store.delete(ctx.tenantId(), current, event("warehouse.deleted", current, Map.of()), meta(ctx, clock.instant()), ctx.journal().recordFor(current));
        } catch (ConcurrentUpdateException e) {
            throw versionConflict(e.currentVersion());
        }
        ctx.journal().written();
        return current;
    }

    /** Registers a worker (badge id, skills, warehouse roles); answers its fields with its id. */
    public Map<String, Object> registerWorker(CommandContext ctx, String warehouseId, String name, String badgeId, List<String> skills, List<String> roles) {
        Warehouse w = get(ctx, warehouseId);
        Map<String, Object> f = fields("id", ids.next("wkr"), "warehouse_id", w.id(), "name", name, "badge_id", badgeId, "skills", skills,
                "roles", roles, "created_at", clock.instant().toString());
        return addResource(ctx, w, "worker", "warehouse.worker_registered", f);
    }

    /** Creates a pack station, scale, print or QC station in a zone of the warehouse. */
    public Map<String, Object> createWorkstation(CommandContext ctx, String warehouseId, String type, String name, String zoneId, Long maxWeightGrams) {
        Warehouse w = get(ctx, warehouseId);
        if (zoneId != null && w.zones().stream().noneMatch(z -> z.id().equals(zoneId))) {
            throw DomainException.invalidField("zone_id", "warehouse.zone_not_found", "Warehouse " + warehouseId + " has no zone " + zoneId);
        }
        Map<String, Object> f = fields("id", ids.next("wks"), "warehouse_id", w.id(), "type", type, "name", name, "zone_id", zoneId,
                "max_weight_grams", maxWeightGrams, "created_at", clock.instant().toString());
        return addResource(ctx, w, "workstation", "warehouse.workstation_created", f);
    }

    /** A workstation of the warehouse (a pack station is one); 404 {@code workstation.not_found} otherwise. */
    public Map<String, Object> workstation(CommandContext ctx, String warehouseId, String stationId) {
        return store.resource(ctx.tenantId(), warehouseId, "workstation", stationId)
                .orElseThrow(() -> DomainException.notFound("workstation.not_found", "No workstation " + stationId));
    }

    private Map<String, Object> addResource(CommandContext ctx, Warehouse w, String kind, String type, Map<String, Object> f) {
        Map<String, Object> data = new LinkedHashMap<>(f);
        data.put("warehouse_id", w.id());
        store.addResource(ctx.tenantId(), w, kind, (String) f.get("id"), f, new DomainEvent(type, data, ctx.reason(), Map.of()),
                meta(ctx, clock.instant()), ctx.journal().recordFor(f));
        ctx.journal().written();
        return f;
    }

    private static DomainEvent event(String type, Warehouse w, Map<String, Object> extra) {
        Map<String, Object> d = fields("warehouse_id", w.id(), "name", w.name(), "status", w.status(), "timezone", w.timezone(),
                "version", w.version());
        d.putAll(extra);
        return new DomainEvent(type, d, null, Map.of());
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static CommandMeta meta(CommandContext ctx, Instant now) {
        return new CommandMeta(ctx.caller().actor(), ctx.correlationId(), now, ctx.reason(), Map.of(),
                ctx.caller().roles().stream().sorted().toList(), ctx.clientIp());
    }

    static DomainException versionConflict(long current) {
        return DomainException.conflict("warehouse.version_conflict", "The warehouse has changed since you read it (it is now at version " + current + ")",
                "GET the warehouse, re-apply your change and send it with the new ETag.").with("current_version", current);
    }
}
