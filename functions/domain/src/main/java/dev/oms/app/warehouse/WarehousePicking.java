package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.AllocationStore;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.PicklistStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.WarehouseFlow;
import dev.oms.domain.warehouse.Allocation;
import dev.oms.domain.warehouse.AllocationPlan;
import dev.oms.domain.warehouse.Picklist;
import dev.oms.domain.warehouse.Picklists;
import dev.oms.domain.warehouse.ScanBatch;
import dev.oms.domain.warehouse.WarehouseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Pick lists (seed 003 section 3): built from the allocations of allocated fulfilments of one warehouse, in pick-path
 * order; assigned, started (the fulfilments move to {@code picking}), scanned in batches (an outcome for every scan;
 * one read and one transaction per call), adjusted for short picks (an event names the SKU and the units short),
 * re-binned, and completed: the allocations' held units are consumed ({@link WarehouseAllocations#confirmPick}) and the
 * fulfilments become {@code picked}. Every change is written with its {@code picklist.*} event and guarded by the pick
 * list's {@code version}.
 */
public final class WarehousePicking {
    private final PicklistStore store;
    private final AllocationStore allocationStore;
    private final WarehouseAllocations allocations;
    private final OrderTransactions tx;
    private final IdGenerator ids;
    private final Clock clock;

    public WarehousePicking(PicklistStore store, AllocationStore allocationStore, WarehouseAllocations allocations, OrderTransactions tx,
                            IdGenerator ids, Clock clock) {
        this.store = store;
        this.allocationStore = allocationStore;
        this.allocations = allocations;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    public record Scanned(Picklist picklist, List<ScanBatch.Result> results) { }

    public Picklist get(CommandContext ctx, String id) {
        return store.find(ctx.tenantId(), id).filter(p -> ctx.caller().mayUseWarehouse(p.warehouseId()))
                .orElseThrow(() -> DomainException.notFound("picklist.not_found", "No pick list " + id));
    }

    /** A pick list of the allocated fulfilments' units in {@code warehouseId}; {@code serialSkus} are picked one serial per unit. */
    public Picklist create(CommandContext ctx, String warehouseId, List<String> fulfillmentIds, String priority, String zone, Set<String> serialSkus) {
        dev.oms.app.security.WarehouseScope.require(ctx.caller(), warehouseId);
        if (new LinkedHashSet<>(fulfillmentIds).size() != fulfillmentIds.size()) {
            throw DomainException.invalidField("fulfillment_ids", "fulfillment_ids.duplicate", "Name each fulfilment once");
        }
        List<Picklist.Line> lines = new ArrayList<>();
        for (String fid : fulfillmentIds) {
            Order o = tx.get(ctx, tx.orderIdOfChild(ctx, fid, "fulfillment.not_found"));
            Fulfillment f = o.requireChild(Fulfillment.class, fid, "fulfillment.not_found");
            if (!warehouseId.equals(f.warehouseId())) {
                throw DomainException.conflict("picklist.wrong_warehouse", "Fulfilment " + fid + " is in warehouse " + f.warehouseId(),
                        "A pick list holds the fulfilments of one warehouse.").with("fulfillment_id", fid);
            }
            if (f.warehouseStatus() != WarehouseStatus.ALLOCATED) {
                throw DomainException.conflict("picklist.fulfillment_not_allocated", "Fulfilment " + fid + " is " + f.warehouseStatus().wire(),
                        "Only allocated fulfilments (not yet on a pick list) are picked; allocate it first.")
                        .with("fulfillment_id", fid).with("current_status", f.warehouseStatus().wire());
            }
            if (f.warehouseView().picklistId() != null) {
                throw DomainException.conflict("picklist.fulfillment_on_picklist", "Fulfilment " + fid + " is on pick list " + f.warehouseView().picklistId(),
                        "Pick it on that pick list.").with("picklist_id", f.warehouseView().picklistId());
            }
            Allocation a = allocationStore.find(ctx.tenantId(), f.warehouseView().allocationId())
                    .orElseThrow(() -> DomainException.conflict("picklist.fulfillment_not_allocated", "Fulfilment " + fid + " has no allocation",
                            "Allocate it first.").with("fulfillment_id", fid));
            for (Allocation.Line l : a.lines()) {
                for (AllocationPlan.Pick p : l.picks()) {
                    if (!p.warehouseId().equals(warehouseId)) continue;
                    lines.add(new Picklist.Line(null, fid, o.id(), a.id(), l.lineId(), l.sku(), p.locationId(), p.lot(), serialSkus.contains(l.sku()),
                            p.quantity(), 0, List.of(), null, 0));
                }
            }
        }
        String id = ids.next("pkl");
        Picklist p = Picklists.create(id, warehouseId, zone, priority, fulfillmentIds, lines, ctx.caller().subject(), clock.instant());
        for (String fid : fulfillmentIds) {
            String orderId = tx.orderIdOfChild(ctx, fid, "fulfillment.not_found");
            tx.mutate(ctx.withoutJournal().onLatestVersion(), orderId, true, o -> WarehouseFlow.link(o, fid, null, id, null, Map.of(), clock.instant()));
        }
        store.create(ctx.tenantId(), p, List.of(event("picklist.created", p, Map.of("line_count", p.lines().size(), "priority", p.priority()))),
                WarehouseDirectory.meta(ctx, clock.instant()), ctx.journal().recordFor(p));
        ctx.journal().written();
        return p;
    }

    public Picklist assign(CommandContext ctx, String id, String workerId, String deviceId) {
        return change(ctx, id, p -> Picklists.assign(p, workerId, deviceId, clock.instant()),
                p -> List.of(event("picklist.assigned", p, fields("worker_id", workerId, "device_id", deviceId))));
    }

    /** Starts picking: the pick list is {@code in_progress}, its fulfilments {@code picking}. */
    public Picklist start(CommandContext ctx, String id) {
        Picklist p = change(ctx, id, x -> Picklists.start(x, clock.instant()), x -> List.of(event("picklist.started", x, Map.of())));
        for (String fid : p.fulfillmentIds()) {
            String orderId = tx.orderIdOfChild(ctx, fid, "fulfillment.not_found");
            tx.mutate(ctx.withoutJournal().onLatestVersion(), orderId, true, o -> {
                Fulfillment f = o.requireChild(Fulfillment.class, fid, "fulfillment.not_found");
                return f.warehouseStatus() == WarehouseStatus.ALLOCATED
                        ? WarehouseFlow.advance(o, fid, WarehouseStatus.PICKING, Map.of("picklist_id", p.id()), clock.instant()) : f;
            });
        }
        return p;
    }

    /** Applies a batch of scans (at most {@value ScanBatch#MAX_SCANS}) and answers an outcome for every one of them. */
    public Scanned scan(CommandContext ctx, String id, List<ScanBatch.Scan> scans) {
        for (int attempt = 1; ; attempt++) {
            Picklist current = get(ctx, id);
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw versionConflict(current.version());
            Picklists.Scanned s = Picklists.scan(current, scans, clock.instant());
            Map<String, Object> counts = new LinkedHashMap<>();
            for (ScanBatch.Result r : s.evaluation().results()) counts.merge(r.outcome().wire(), 1L, (a, b) -> (Long) a + (Long) b);
            Map<String, Long> bySku = new LinkedHashMap<>();
            s.evaluation().pickedByLine().forEach((line, n) -> bySku.merge(current.line(line).sku(), n, Long::sum));
            Scanned result = new Scanned(s.picklist(), s.evaluation().results());
            try {
                store.update(ctx.tenantId(), s.picklist(), current.version(), List.of(event("picklist.scanned", s.picklist(),
                                fields("scans", scans.size(), "outcomes", counts, "picked_by_sku", bySku, "short_lines", List.copyOf(s.evaluation().shortLines()),
                                        "worker_id", current.workerId(), "device_id", current.deviceId()))),
                        WarehouseDirectory.meta(ctx, clock.instant()), ctx.journal().recordFor(result));
                ctx.journal().written();
                return result;
            } catch (ConcurrentUpdateException lost) {
                if (ctx.expectedVersion() != null || attempt >= 8) throw versionConflict(lost.currentVersion());
            }
        }
    }

    /** Lines picked short, each with a reason: an event per line names the SKU and the units short; picked units stay. */
    public Picklist adjust(CommandContext ctx, String id, Map<String, String> reasonByLine) {
        return change(ctx, id, p -> {
            Picklist next = p;
            for (Map.Entry<String, String> e : reasonByLine.entrySet()) next = Picklists.adjust(next, e.getKey(), e.getValue(), clock.instant());
            return next;
        }, p -> {
            List<DomainEvent> events = new ArrayList<>();
            for (Map.Entry<String, String> e : reasonByLine.entrySet()) {
                Picklist.Line l = p.line(e.getKey());
                events.add(event("picklist.short_picked", p, fields("line_id", l.id(), "fulfillment_id", l.fulfillmentId(), "sku", l.sku(),
                        "location_id", l.locationId(), "quantity_short", l.shortQuantity(), "picked", l.picked(), "reason", e.getValue())));
            }
            return events;
        });
    }

    /**
     * Completes the pick list (every line picked or adjusted short) with a {@code pick_confirmation_id}, consumes each
     * fulfilment's held units and moves it to {@code picked}.
     */
    public Picklist complete(CommandContext ctx, String id, String confirmationId) {
        String confirmation = confirmationId != null ? confirmationId : ids.next("pcf");
        Picklist p = change(ctx, id, x -> Picklists.complete(x, confirmation, clock.instant()), x -> {
            Map<String, Long> picked = new LinkedHashMap<>(), shortBy = new LinkedHashMap<>();
            for (Picklist.Line l : x.lines()) {
                picked.merge(l.sku(), l.picked(), Long::sum);
                if (l.shortQuantity() > 0) shortBy.merge(l.sku(), l.shortQuantity(), Long::sum);
            }
            return List.of(event("picklist.completed", x, fields("pick_confirmation_id", x.pickConfirmationId(), "picked_by_sku", picked,
                    "short_by_sku", shortBy, "worker_id", x.workerId(), "device_id", x.deviceId())));
        });
        Set<String> done = new LinkedHashSet<>();
        for (Picklist.Line l : p.lines()) {
            if (l.allocationId() != null && done.add(l.allocationId())) allocations.confirmPick(ctx.withoutJournal().onLatestVersion(), l.allocationId(), p.pickConfirmationId());
        }
        return p;
    }

    public Picklist rebin(CommandContext ctx, String id, String lineId, long quantity, String toLocation, String reason) {
        return change(ctx, id, p -> Picklists.rebin(p, lineId, quantity, toLocation, reason, clock.instant()), p -> {
            Picklist.Line l = p.line(lineId);
            return List.of(event("picklist.rebinned", p, fields("line_id", lineId, "sku", l.sku(), "quantity", quantity, "from_location", l.locationId(),
                    "to_location", toLocation, "reason", reason)));
        });
    }

    private Picklist change(CommandContext ctx, String id, UnaryOperator<Picklist> step, java.util.function.Function<Picklist, List<DomainEvent>> events) {
        for (int attempt = 1; ; attempt++) {
            Picklist current = get(ctx, id);
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw versionConflict(current.version());
            Picklist next = step.apply(current);
            if (next == current) return current;
            try {
                store.update(ctx.tenantId(), next, current.version(), events.apply(next), WarehouseDirectory.meta(ctx, clock.instant()),
                        ctx.journal().recordFor(next));
                ctx.journal().written();
                return next;
            } catch (ConcurrentUpdateException lost) {
                if (ctx.expectedVersion() != null || attempt >= 8) throw versionConflict(lost.currentVersion());
            }
        }
    }

    private static DomainEvent event(String type, Picklist p, Map<String, Object> extra) {
        Map<String, Object> d = fields("picklist_id", p.id(), "warehouse_id", p.warehouseId(), "zone", p.zone(), "status", p.status().wire(),
                "fulfillment_ids", p.fulfillmentIds());
        d.putAll(extra);
        return new DomainEvent(type, d, null, Map.of());
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static DomainException versionConflict(long current) {
        return DomainException.conflict("picklist.version_conflict", "The pick list has changed since you read it (it is now at version " + current + ")",
                "GET the pick list and send the change again with the new ETag.").with("current_version", current);
    }
}
