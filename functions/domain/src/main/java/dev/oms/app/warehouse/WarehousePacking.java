package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.LotQuantity;
import dev.oms.app.port.AllocationStore;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.PackingStore;
import dev.oms.app.port.PackingStore.TraceLink;
import dev.oms.app.port.PicklistStore;
import dev.oms.app.port.WarehouseStore;
import dev.oms.app.warehouseops.PackagingProfileService;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.WarehouseFlow;
import dev.oms.domain.warehouse.PackagingAdvisor;
import dev.oms.domain.warehouse.Picklist;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.domain.warehouse.WarehouseStatus;
import dev.oms.domain.warehouse.pack.FulfilmentPacking;
import dev.oms.domain.warehouse.pack.PackStation;
import dev.oms.domain.warehouse.pack.PackedPackage;
import dev.oms.domain.warehouse.pack.Packing;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pack stations, serials and lots (seed 003 sections 3 and 10) on the fulfilment's {@link FulfilmentPacking} record:
 * a packer opens a session at a pack station (one per station), packs picked units into packages (the fulfilment becomes
 * {@code packing}), seals them (when every picked unit is sealed the fulfilment is {@code ready_to_ship}); serials are
 * assigned to picked units (once per tenant and SKU), lots consumed through the inventory port (fresh on the ship date,
 * never more than the lot has or the line needs). Order moves go first through the order's transaction, the record
 * after: a crash in between leaves the fulfilment a step ahead of its record, and repeating the request finishes it.
 */
public final class WarehousePacking {
    static final int MAX_ATTEMPTS = 8;
    private static final Set<WarehouseStatus> PACKABLE = Set.of(WarehouseStatus.PICKED, WarehouseStatus.PACKING);
    private static final Set<WarehouseStatus> SERIALISABLE = Set.of(WarehouseStatus.PICKING, WarehouseStatus.PICKED, WarehouseStatus.PACKING);
    private static final Set<WarehouseStatus> CONSUMABLE = Set.of(WarehouseStatus.ALLOCATED, WarehouseStatus.PICKING, WarehouseStatus.PICKED);

    private final PackingStore store;
    private final WarehouseDirectory warehouses;
    private final WarehouseStore warehouseStore;
    private final PackagingProfileService packaging;
    private final OrderTransactions tx;
    private final PicklistStore picklists;
    private final AllocationStore allocations;
    private final InventoryService inventory;
    private final IdGenerator ids;
    private final Clock clock;

    public WarehousePacking(PackingStore store, WarehouseDirectory warehouses, WarehouseStore warehouseStore, PackagingProfileService packaging,
                            OrderTransactions tx, PicklistStore picklists, AllocationStore allocations, InventoryService inventory, IdGenerator ids,
                            Clock clock) {
        this.store = store;
        this.warehouses = warehouses;
        this.warehouseStore = warehouseStore;
        this.packaging = packaging;
        this.tx = tx;
        this.picklists = picklists;
        this.allocations = allocations;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    /** The session, and the boxes advised for a fulfilment's picked units (null when no units were described or no profile exists). */
    public record Opened(PackStation station, PackagingAdvisor.Recommendation recommendation) { }

    public record Packed(FulfilmentPacking packing, List<PackedPackage> packages, WarehouseStatus fulfillmentStatus) { }

    public record Sealed(FulfilmentPacking packing, PackedPackage pkg, WarehouseStatus fulfillmentStatus) { }

    public record Consumed(FulfilmentPacking packing, FulfilmentPacking.LotConsumption consumption) { }

    /** The size and weight of one unit of a SKU, for the packaging advice. */
    public record UnitSize(String sku, int lengthMm, int widthMm, int heightMm, long weightGrams) { }

    // ---- pack stations ---------------------------------------------------------------------------------------------

    public Opened openSession(CommandContext ctx, String stationId, String warehouseId, String workerId, String deviceId, boolean takeOver,
                              String fulfillmentId, List<UnitSize> sizes) {
        Map<String, Object> ws = warehouses.workstation(ctx, warehouseId, stationId);
        if (!"pack_station".equals(ws.get("type"))) {
            throw DomainException.conflict("workstation.not_pack_station", "Workstation " + stationId + " is a " + ws.get("type"),
                    "Open packing sessions at pack stations.").with("type", ws.get("type"));
        }
        if (workerId != null && warehouseStore.resource(ctx.tenantId(), warehouseId, "worker", workerId).isEmpty()) {
            throw DomainException.notFound("worker.not_found", "Warehouse " + warehouseId + " has no worker " + workerId);
        }
        PackagingAdvisor.Recommendation advice = null;
        if (fulfillmentId != null) {
            Fulfillment f = fulfilment(ctx, fulfillmentId).fulfillment;
            advice = advise(ctx, warehouseId, f, sizes);
        }
        String holder = ctx.caller().subject();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            PackStation current = store.station(ctx.tenantId(), stationId).orElse(new PackStation(stationId, warehouseId, null, 0, now));
            PackStation next = current.open(ids.next("pks"), holder, workerId, deviceId, takeOver, now);
            Opened result = new Opened(next, advice);
            if (next == current) return result;
            Map<String, Object> d = data("station_id", stationId, "warehouse_id", warehouseId, "session_id", next.session().id(), "held_by", holder,
                    "worker_id", workerId, "device_id", deviceId, "taken_over_from", current.openSession(now) == null ? null : current.openSession(now).holder());
            try {
                store.saveStation(ctx.tenantId(), next, List.of(new DomainEvent("pack_station.session_opened", d, ctx.reason(), Map.of())),
                        WarehouseDirectory.meta(ctx, now), ctx.journal().recordFor(result));
                ctx.journal().written();
                return result;
            } catch (ConcurrentUpdateException lost) {
                if (attempt >= MAX_ATTEMPTS) throw contention(stationId);
            }
        }
    }

    private PackagingAdvisor.Recommendation advise(CommandContext ctx, String warehouseId, Fulfillment f, List<UnitSize> sizes) {
        if (sizes == null || sizes.isEmpty()) return null;
        Map<String, UnitSize> bySku = new LinkedHashMap<>();
        for (UnitSize s : sizes) bySku.put(s.sku(), s);
        Order o = tx.get(ctx, tx.orderIdOfChild(ctx, f.id(), "fulfillment.not_found"));
        List<PackagingAdvisor.Item> items = new ArrayList<>();
        for (FulfillmentLine l : f.lines()) {
            String sku = o.line(l.lineId()).sku();
            UnitSize s = bySku.get(sku);
            if (s == null) {
                throw DomainException.invalidField("unit_sizes", "pack.unit_size_missing", "Give the size of SKU " + sku + " for the packaging advice");
            }
            items.add(new PackagingAdvisor.Item(sku, s.lengthMm(), s.widthMm(), s.heightMm(), s.weightGrams(), l.quantity()));
        }
        PackagingAdvisor.Recommendation r = packaging.recommend(ctx, warehouseId, items);
        return r.boxes().isEmpty() && packaging.list(ctx, warehouseId).stream().noneMatch(p -> p.usableAt(warehouseId)) ? null : r;
    }

    /** Packs picked units of one fulfilment into new packages at the caller's station. */
    public Packed pack(CommandContext ctx, String stationId, String fulfillmentId, List<Packing.Draft> drafts) {
        Located at = fulfilment(ctx, fulfillmentId);
        PackStation station = station(ctx, stationId);
        PackStation.Session session = station.use(ctx.caller().subject(), clock.instant());
        requireWarehouse(station, at.fulfillment);
        if (!PACKABLE.contains(at.fulfillment.warehouseStatus())) throw notPicked(at.fulfillment, "pack.fulfillment_not_picked", "Pack picked fulfilments.");
        Packing.Picked picked = picked(ctx, at.order, at.fulfillment);
        List<String> packageIds = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) packageIds.add(ids.next("pkg"));
        WarehouseStatus status = at.fulfillment.warehouseStatus();
        if (status == WarehouseStatus.PICKED) {
            // checked before the order moves, so a refused pack leaves the fulfilment picked
            Packing.pack(packingOf(ctx, at), picked, drafts, packageIds, stationId, session.id(), ctx.caller().subject(), clock.instant());
            tx.mutate(ctx.withoutJournal().onLatestVersion(), at.order.id(), true,
                    o -> WarehouseFlow.advance(o, fulfillmentId, WarehouseStatus.PACKING, data("station_id", stationId), clock.instant()));
            status = WarehouseStatus.PACKING;
        }
        WarehouseStatus after = status;
        return save(ctx, at, current -> {
            FulfilmentPacking next = Packing.pack(current, picked, drafts, packageIds, stationId, session.id(), ctx.caller().subject(), clock.instant());
            List<PackedPackage> added = next.packages().subList(current.packages().size(), next.packages().size());
            List<DomainEvent> events = new ArrayList<>();
            for (PackedPackage p : added) events.add(new DomainEvent("package.packed", packageData(next, p), ctx.reason(), Map.of()));
            return new Step<>(next, events, List.of(), new Packed(next, List.copyOf(added), after));
        });
    }

    /** Seals a package; when every picked unit is in a sealed package the fulfilment becomes {@code ready_to_ship}. */
    public Sealed seal(CommandContext ctx, String stationId, String fulfillmentId, String packageId, Integer weightGrams, PackedPackage.Dimensions dims) {
        Located at = fulfilment(ctx, fulfillmentId);
        PackStation station = station(ctx, stationId);
        station.use(ctx.caller().subject(), clock.instant());
        requireWarehouse(station, at.fulfillment);
        FulfilmentPacking current = store.packing(ctx.tenantId(), fulfillmentId)
                .orElseThrow(() -> DomainException.notFound("package.not_found", "No package " + packageId + " in fulfilment " + fulfillmentId));
        Packing.Picked picked = picked(ctx, at.order, at.fulfillment);
        FulfilmentPacking preview = Packing.seal(current, packageId, stationId, weightGrams, dims, clock.instant());
        WarehouseStatus status = at.fulfillment.warehouseStatus();
        if (Packing.everythingSealed(preview, picked) && status == WarehouseStatus.PACKING) {
            tx.mutate(ctx.withoutJournal().onLatestVersion(), at.order.id(), true,
                    o -> WarehouseFlow.advance(o, fulfillmentId, WarehouseStatus.READY_TO_SHIP, data("package_id", packageId), clock.instant()));
            status = WarehouseStatus.READY_TO_SHIP;
        }
        WarehouseStatus after = status;
        return save(ctx, at, c -> {
            FulfilmentPacking next = Packing.seal(c, packageId, stationId, weightGrams, dims, clock.instant());
            PackedPackage p = next.pkg(packageId);
            Map<String, Object> d = packageData(next, p);
            d.put("label_status", PackedPackage.LABEL_PENDING);
            d.put("fulfillment_status", after.wire());
            return new Step<>(next, List.of(new DomainEvent("package.sealed", d, ctx.reason(), Map.of())), List.of(), new Sealed(next, p, after));
        });
    }

    public FulfilmentPacking packing(CommandContext ctx, String fulfillmentId) {
        Located at = fulfilment(ctx, fulfillmentId);
        return packingOf(ctx, at);
    }

    // ---- serials and lots ------------------------------------------------------------------------------------------

    /** Serial numbers for picked units of an order line of the fulfilment. */
    public FulfilmentPacking assignSerials(CommandContext ctx, String fulfillmentId, String lineId, List<String> serials) {
        Located at = fulfilment(ctx, fulfillmentId);
        if (!SERIALISABLE.contains(at.fulfillment.warehouseStatus())) {
            throw notPicked(at.fulfillment, "serial.fulfillment_not_picked", "Serials are assigned to units picked and not yet packed away.");
        }
        Packing.Picked picked = picked(ctx, at.order, at.fulfillment);
        return save(ctx, at, current -> {
            Instant now = clock.instant();
            FulfilmentPacking next = Packing.assignSerials(current, picked, lineId, serials, ctx.caller().subject(), now);
            String sku = picked.skus().get(lineId);
            List<TraceLink> links = new ArrayList<>();
            for (String s : serials) links.add(new TraceLink(TraceLink.SERIAL, s, sku, fulfillmentId, at.order.id(), lineId, 1, null, now));
            Map<String, Object> d = data("fulfillment_id", fulfillmentId, "order_id", at.order.id(), "order_line_id", lineId, "sku", sku,
                    "serials", List.copyOf(serials), "assigned", next.serialsOf(lineId), "picked", picked.of(lineId));
            return new Step<>(next, List.of(new DomainEvent("serial.assigned", d, ctx.reason(), Map.of())), links, next);
        });
    }

    /**
     * Consumes units of a lot at a location of the fulfilment's warehouse for one of its lines, through the inventory
     * port (held, then consumed, under keys of the consumption: with an Idempotency-Key the consumption's id derives from
     * it, so a retry after a crash consumes nothing twice).
     */
    public Consumed consumeLot(CommandContext ctx, String fulfillmentId, String lineId, String locationId, String lotId, long quantity,
                               LocalDate shipDate, int minShelfLifeDays) {
        Located at = fulfilment(ctx, fulfillmentId);
        Fulfillment f = at.fulfillment;
        if (!CONSUMABLE.contains(f.warehouseStatus())) throw notPicked(f, "lot.fulfillment_not_picking", "Lots are consumed while the fulfilment is picked.");
        FulfillmentLine line = f.lines().stream().filter(l -> l.lineId().equals(lineId)).findFirst().orElseThrow(() ->
                DomainException.unprocessable("lot.line_not_in_fulfillment", "Line " + lineId + " is not in fulfilment " + fulfillmentId,
                        "Consume lots for the fulfilment's lines.").with("line_id", lineId));
        String sku = at.order.line(lineId).sku();
        LocalDate ship = shipDate != null ? shipDate : f.warehouseView().requestedShipDate() != null
                ? f.warehouseView().requestedShipDate().atZone(ZoneOffset.UTC).toLocalDate() : clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        String id = consumptionId(ctx, fulfillmentId);
        FulfilmentPacking current = packingOf(ctx, at);
        if (current.lots().stream().anyMatch(l -> l.id().equals(id))) {
            return new Consumed(current, current.lots().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow());
        }
        StockLot lot = null;
        for (StockLot s : inventory.stock(ctx.tenantId(), List.of(sku), List.of(f.warehouseId()))) {
            if (s.locationId().equals(locationId) && lotId.equals(s.lot())) lot = s;
        }
        StockLot found = lot;
        Packing.consumeLot(current, id, lineId, sku, line.quantity(), found, locationId, lotId, quantity, ship, minShelfLifeDays, ctx.caller().subject(), clock.instant());
        List<LotQuantity> units = List.of(new LotQuantity(sku, f.warehouseId(), locationId, lotId, quantity));
        inventory.hold(ctx.tenantId(), id, units, id + ":hold");
        inventory.consume(ctx.tenantId(), id, units, id + ":consume");
        try {
            return save(ctx, at, c -> {
                Instant now = clock.instant();
                // the units left the lot at the inventory already: only the line's bound is checked again
                StockLot asBefore = new StockLot(found.warehouseId(), found.locationId(), found.sku(), found.lot(), found.expiry(), found.receivedAt(), quantity);
                FulfilmentPacking next = Packing.consumeLot(c, id, lineId, sku, line.quantity(), asBefore, locationId, lotId, quantity, ship, minShelfLifeDays,
                        ctx.caller().subject(), now);
                FulfilmentPacking.LotConsumption lc = next.lots().get(next.lots().size() - 1);
                Map<String, Object> d = data("fulfillment_id", fulfillmentId, "order_id", at.order.id(), "order_line_id", lineId, "sku", sku,
                        "consumption_id", id, "warehouse_id", f.warehouseId(), "location_id", locationId, "lot", lotId,
                        "expiry", found.expiry() == null ? null : found.expiry().toString(), "quantity", quantity, "consumed", next.consumed(lineId));
                return new Step<>(next, List.of(new DomainEvent("lot.consumed", d, ctx.reason(), Map.of())),
                        List.of(new TraceLink(TraceLink.LOT, lotId, sku, fulfillmentId, at.order.id(), lineId, quantity, id, now)), new Consumed(next, lc));
            });
        } catch (DomainException refused) {
            inventory.unhold(ctx.tenantId(), id, units, id + ":unhold");
            throw refused;
        }
    }

    // ---- traceability ----------------------------------------------------------------------------------------------

    /** Where a unit came from: a lot consumed for its line, or its allocation's pick. */
    public record Origin(String source, String warehouseId, String locationId, String lot, LocalDate expiry, long quantity) { }

    /** One order line a serial or lot went to, with what became of it. */
    public record Trail(TraceLink link, Order order, Fulfillment fulfillment, PackedPackage pkg, List<Origin> origins) { }

    public record Trace(List<Trail> trails, boolean truncated) { }

    public static final int MAX_TRAILS = 100;

    /** Forward (orders, fulfilments, packages, shipments) and backward (lots and locations) from a serial or a lot; {@code sku} narrows. */
    public Trace trace(CommandContext ctx, String kind, String value, String sku) {
        List<TraceLink> links = store.trace(ctx.tenantId(), kind, value, MAX_TRAILS + 1);
        List<Trail> out = new ArrayList<>();
        for (TraceLink l : links) {
            if (out.size() == MAX_TRAILS) break;
            if (sku != null && !sku.equals(l.sku())) continue;
            Order o;
            try {
                o = tx.get(ctx, l.orderId());
            } catch (DomainException gone) {
                continue; // an erased or deleted order keeps no trail
            }
            Fulfillment f = o.child(Fulfillment.class, l.fulfillmentId()).orElse(null);
            if (f == null) continue;
            FulfilmentPacking packing = store.packing(ctx.tenantId(), f.id()).orElse(null);
            PackedPackage pkg = packing == null ? null : TraceLink.SERIAL.equals(kind) ? packing.packageOfSerial(l.sku(), value)
                    : packing.packages().stream().filter(p -> p.units(l.lineId()) > 0).findFirst().orElse(null);
            out.add(new Trail(l, o, f, pkg, origins(ctx, f, packing, l)));
        }
        return new Trace(out, links.size() > MAX_TRAILS);
    }

    private List<Origin> origins(CommandContext ctx, Fulfillment f, FulfilmentPacking packing, TraceLink l) {
        List<Origin> out = new ArrayList<>();
        if (packing != null) {
            for (FulfilmentPacking.LotConsumption c : packing.lots()) {
                if (!c.lineId().equals(l.lineId()) || (TraceLink.LOT.equals(l.kind()) && !c.id().equals(l.reference()))) continue;
                out.add(new Origin("lot_consumption", c.warehouseId(), c.locationId(), c.lot(), c.expiry(), c.quantity()));
            }
        }
        String allocationId = f.warehouseView().allocationId();
        if (TraceLink.SERIAL.equals(l.kind()) && allocationId != null) {
            allocations.find(ctx.tenantId(), allocationId).ifPresent(a -> a.lines().stream().filter(x -> x.lineId().equals(l.lineId()))
                    .forEach(x -> x.picks().forEach(p -> out.add(new Origin("allocation", p.warehouseId(), p.locationId(), p.lot(), p.expiry(), p.quantity())))));
        }
        return out;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private record Located(Order order, Fulfillment fulfillment) { }

    private record Step<R>(FulfilmentPacking next, List<DomainEvent> events, List<TraceLink> links, R result) { }

    private Located fulfilment(CommandContext ctx, String fulfillmentId) {
        Order o = tx.get(ctx, tx.orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found"));
        return new Located(o, o.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found"));
    }

    private PackStation station(CommandContext ctx, String stationId) {
        return store.station(ctx.tenantId(), stationId).orElseThrow(() ->
                DomainException.conflict("pack_station.no_session", "Pack station " + stationId + " has no open session", "Open a session first (open-session)."));
    }

    private static void requireWarehouse(PackStation station, Fulfillment f) {
        if (!station.warehouseId().equals(f.warehouseId())) {
            throw DomainException.conflict("pack.wrong_warehouse", "Fulfilment " + f.id() + " is in warehouse " + f.warehouseId(),
                    "Pack it at a station of its warehouse.").with("warehouse_id", f.warehouseId());
        }
    }

    private FulfilmentPacking packingOf(CommandContext ctx, Located at) {
        return store.packing(ctx.tenantId(), at.fulfillment.id())
                .orElse(FulfilmentPacking.empty(at.fulfillment.id(), at.order.id(), at.fulfillment.warehouseId(), clock.instant()));
    }

    private <R> R save(CommandContext ctx, Located at, Function<FulfilmentPacking, Step<R>> change) {
        for (int attempt = 1; ; attempt++) {
            FulfilmentPacking current = packingOf(ctx, at);
            Step<R> s = change.apply(current);
            try {
                store.savePacking(ctx.tenantId(), s.next(), s.events(), s.links(), WarehouseDirectory.meta(ctx, clock.instant()), ctx.journal().recordFor(s.result()));
                ctx.journal().written();
                return s.result();
            } catch (ConcurrentUpdateException lost) {
                if (attempt >= MAX_ATTEMPTS) throw contention(at.fulfillment.id());
            }
        }
    }

    /**
     * Units picked per order line: what the fulfilment's pick list counted when it has one, else (a fulfilment picked by
     * confirm-pick, or packed by a warehouse that does not scan) every unit once it is picked.
     */
    Packing.Picked picked(CommandContext ctx, Order o, Fulfillment f) {
        Map<String, Long> units = new LinkedHashMap<>();
        Map<String, String> skus = new LinkedHashMap<>();
        for (FulfillmentLine l : f.lines()) {
            skus.put(l.lineId(), o.line(l.lineId()).sku());
            units.put(l.lineId(), 0L);
        }
        String pl = f.warehouseView().picklistId();
        Picklist list = pl == null ? null : picklists.find(ctx.tenantId(), pl).orElse(null);
        if (list != null) {
            for (Picklist.Line l : list.lines()) if (l.fulfillmentId().equals(f.id())) units.merge(l.orderLineId(), l.picked(), Long::sum);
        } else if (f.warehouseStatus().ordinal() >= WarehouseStatus.PICKED.ordinal() && f.warehouseStatus() != WarehouseStatus.CANCELLED) {
            for (FulfillmentLine l : f.lines()) units.merge(l.lineId(), l.quantity(), Long::sum);
        }
        return new Packing.Picked(units, skus);
    }

    /** With an Idempotency-Key the consumption's id derives from it (a retry finds the first attempt's inventory calls). */
    private String consumptionId(CommandContext ctx, String fulfillmentId) {
        String key = ctx.journal().requestKey();
        if (key == null) return ids.next("lcn");
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest((key + "|lot|" + fulfillmentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "lcn_" + java.util.HexFormat.of().formatHex(h, 0, 13).toUpperCase(java.util.Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException notPicked(Fulfillment f, String code, String explain) {
        return DomainException.conflict(code, "Fulfilment " + f.id() + " is " + f.warehouseStatus().wire(), explain)
                .with("current_status", f.warehouseStatus().wire());
    }

    private static DomainException contention(String id) {
        return DomainException.conflict("packing.contention", "Too many concurrent changes of " + id, "Retry shortly.");
    }

    private static Map<String, Object> packageData(FulfilmentPacking p, PackedPackage x) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (PackedPackage.Item i : x.items()) items.add(data("order_line_id", i.lineId(), "sku", i.sku(), "quantity", i.quantity(), "serials", i.serials()));
        return data("package_id", x.id(), "fulfillment_id", p.fulfillmentId(), "order_id", p.orderId(), "warehouse_id", p.warehouseId(),
                "station_id", x.stationId(), "session_id", x.sessionId(), "weight_grams", x.weightGrams() == null ? null : (long) x.weightGrams(),
                "dimensions", x.dimensions() == null ? null : data("length_mm", (long) x.dimensions().lengthMm(), "width_mm", (long) x.dimensions().widthMm(),
                        "height_mm", (long) x.dimensions().heightMm()), "items", items);
    }

    static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
