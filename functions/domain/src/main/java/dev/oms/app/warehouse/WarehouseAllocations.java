package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.LotQuantity;
import dev.oms.app.port.AllocationStore;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.WarehouseFlow;
import dev.oms.domain.warehouse.Allocation;
import dev.oms.domain.warehouse.AllocationDemand;
import dev.oms.domain.warehouse.AllocationPlan;
import dev.oms.domain.warehouse.AllocationStrategy;
import dev.oms.domain.warehouse.Allocator;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.domain.warehouse.WarehouseStatus;
import dev.oms.domain.warehouse.Warehouses;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Allocation of a fulfilment's lines (seed 003 section 2) through the inventory port: the stock by location and lot
 * of the candidate warehouses is asked for, {@link Allocator} chooses (never an expired or short-dated lot, never more
 * than available, deterministic), the chosen units are held, the allocation is stored and the fulfilment moves to
 * {@code allocated} ({@code awaiting_allocation} when partial or failed, with a reason per short line). Confirm-pick
 * consumes the held units (once); release gives them back (on cancel). Each inventory call carries a key derived from
 * the allocation, so a retried request holds, consumes and releases once.
 */
public final class WarehouseAllocations {
    private final OrderTransactions tx;
    private final InventoryService inventory;
    private final AllocationStore store;
    private final WarehouseStore warehouses;
    private final IdGenerator ids;
    private final Clock clock;

    public WarehouseAllocations(OrderTransactions tx, InventoryService inventory, AllocationStore store, WarehouseStore warehouses,
                                IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.inventory = inventory;
        this.store = store;
        this.warehouses = warehouses;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What to allocate: the fulfilment, the strategy, the ship date (default today), the days of shelf life a buyer must
     * still get (per SKU, else {@code minShelfLifeDays}), and where the goods go (for {@code nearest_warehouse}; null:
     * the warehouses serving the shipping address, by id).
     */
    public record Request(String fulfillmentId, AllocationStrategy strategy, LocalDate shipDate, int minShelfLifeDays,
                          Map<String, Integer> shelfLifeBySku, Warehouse.Location destination) { }

    public record Result(Allocation allocation, Order order, Fulfillment fulfillment) { }

    public Allocation get(CommandContext ctx, String allocationId) {
        Allocation a = store.find(ctx.tenantId(), allocationId)
                .orElseThrow(() -> DomainException.notFound("allocation.not_found", "No allocation " + allocationId));
        tx.get(ctx, a.orderId());
        return a;
    }

    public Result request(CommandContext ctx, Request r) {
        String orderId = tx.orderIdOfChild(ctx, r.fulfillmentId(), "fulfillment.not_found");
        Order order = tx.get(ctx, orderId);
        Fulfillment f = order.requireChild(Fulfillment.class, r.fulfillmentId(), "fulfillment.not_found");
        WarehouseStatus s = f.warehouseStatus();
        if (!s.isOpen()) {
            throw DomainException.conflict("fulfillment.closed", "Fulfilment " + f.id() + " is " + s.wire(), "Only open fulfilments are allocated.")
                    .with("current_status", s.wire());
        }
        if (s.ordinal() >= WarehouseStatus.ALLOCATED.ordinal()) {
            throw DomainException.conflict("fulfillment.already_allocated", "Fulfilment " + f.id() + " is " + s.wire() + ": its stock is allocated",
                    "Read its allocation; cancel the fulfilment to release it.").with("allocation_id", f.warehouseView().allocationId());
        }
        String previous = f.warehouseView().allocationId();
        if (previous != null) store.find(ctx.tenantId(), previous).filter(Allocation::holds).ifPresent(p -> giveBack(ctx, p));

        List<String> ranking = ranking(ctx.tenantId(), order, f, r);
        if (ranking.isEmpty()) {
            throw DomainException.conflict("allocation.no_warehouse", "No active warehouse of the tenant serves this fulfilment",
                    "Create a warehouse serving the destination (or activate one), then allocate again.");
        }
        List<AllocationDemand> demands = new ArrayList<>();
        LinkedHashSet<String> skus = new LinkedHashSet<>();
        for (FulfillmentLine l : f.lines()) {
            String sku = order.line(l.lineId()).sku();
            skus.add(sku);
            int shelf = r.shelfLifeBySku() == null ? r.minShelfLifeDays() : r.shelfLifeBySku().getOrDefault(sku, r.minShelfLifeDays());
            demands.add(new AllocationDemand(l.lineId(), sku, l.quantity(), shelf));
        }
        LocalDate shipDate = r.shipDate() != null ? r.shipDate() : f.warehouseView().requestedShipDate() != null
                ? f.warehouseView().requestedShipDate().atOffset(ZoneOffset.UTC).toLocalDate() : LocalDate.now(clock);
        List<StockLot> stock = inventory.stock(ctx.tenantId(), List.copyOf(skus), ranking);
        AllocationPlan plan = Allocator.allocate(demands, stock, ranking, r.strategy(), shipDate);
        String id = allocationId(ctx, f.id());
        Allocation a = Allocation.of(id, f.id(), orderId, plan, ctx.caller().subject(), clock.instant());
        List<LotQuantity> units = units(a);
        if (!units.isEmpty()) inventory.hold(ctx.tenantId(), id, units, id + ":hold");
        try {
            store.create(ctx.tenantId(), a);
            Allocation stored = store.find(ctx.tenantId(), id).orElse(a);
            return tx.mutate(ctx, orderId, true, o -> {
                Fulfillment next = WarehouseFlow.allocated(o, f.id(), id, stored.status() == Allocation.Status.ALLOCATED, details(stored), clock.instant());
                return new Result(stored, o, next);
            });
        } catch (RuntimeException e) {
            if (!units.isEmpty()) inventory.unhold(ctx.tenantId(), id, units, id + ":undo");
            throw e;
        }
    }

    /** The held units were picked: consumed once; confirming again answers the same allocation. */
    public Result confirmPick(CommandContext ctx, String allocationId, String pickConfirmationId) {
        Allocation a = get(ctx, allocationId);
        if (a.status() != Allocation.Status.PICKED) {
            if (!a.holds()) {
                throw DomainException.conflict("allocation.not_held", "Allocation " + a.id() + " is " + a.status().wire() + " and holds no stock",
                        "Request a new allocation for the fulfilment.").with("allocation_status", a.status().wire());
            }
            inventory.consume(ctx.tenantId(), a.id(), units(a), a.id() + ":consume");
            String confirmation = pickConfirmationId != null ? pickConfirmationId : ids.next("pcf");
            try {
                store.update(ctx.tenantId(), a.picked(confirmation, clock.instant()), a.version());
            } catch (ConcurrentUpdateException lost) {
                // a concurrent confirm won: its answer stands
            }
            a = get(ctx, allocationId);
        }
        Allocation done = a;
        return tx.mutate(ctx, a.orderId(), true, o -> {
            Fulfillment f = o.requireChild(Fulfillment.class, done.fulfillmentId(), "fulfillment.not_found");
            if (f.warehouseStatus().isOpen() && f.warehouseStatus().ordinal() < WarehouseStatus.PICKED.ordinal()) {
                f = WarehouseFlow.advance(o, f.id(), WarehouseStatus.PICKED, Map.of("allocation_id", done.id(),
                        "pick_confirmation_id", done.pickConfirmationId()), clock.instant());
            }
            return new Result(done, o, f);
        });
    }

    /**
     * Gives the held units back: allowed once the fulfilment is cancelled, or while it still awaits allocation (a partial or
     * failed allocation); releasing a released allocation changes nothing.
     */
    public Result release(CommandContext ctx, String allocationId, String reason) {
        Allocation a = get(ctx, allocationId);
        Order order = tx.get(ctx, a.orderId());
        Fulfillment f = order.requireChild(Fulfillment.class, a.fulfillmentId(), "fulfillment.not_found");
        if (a.status() == Allocation.Status.RELEASED) return new Result(a, order, f);
        if (a.status() == Allocation.Status.PICKED) {
            throw DomainException.conflict("allocation.already_picked", "Allocation " + a.id() + " was picked", "Picked goods come back through a return.");
        }
        if (f.warehouseStatus().isOpen() && f.warehouseStatus().ordinal() >= WarehouseStatus.ALLOCATED.ordinal()) {
            throw DomainException.conflict("allocation.fulfillment_open", "Fulfilment " + f.id() + " is " + f.warehouseStatus().wire() + " on this allocation",
                    "Cancel the fulfilment (POST /v1/fulfillment/fulfillments/{id}/cancel releases its allocation).").with("fulfillment_id", f.id());
        }
        Allocation released = giveBack(ctx, a);
        return tx.mutate(ctx, a.orderId(), false, o -> {
            WarehouseFlow.allocationReleased(o, released.fulfillmentId(), released.id(), reason, clock.instant());
            return new Result(released, o, o.requireChild(Fulfillment.class, released.fulfillmentId(), "fulfillment.not_found"));
        });
    }

    /** The allocation of a fulfilment just cancelled, released (nothing when it has none or holds nothing). */
    public void releaseForCancelled(CommandContext ctx, Fulfillment f) {
        String id = f.warehouseView().allocationId();
        if (id == null || f.warehouseStatus() != WarehouseStatus.CANCELLED) return;
        store.find(ctx.tenantId(), id).filter(Allocation::holds).ifPresent(a -> release(ctx.withoutJournal().onLatestVersion(), id, "fulfillment cancelled"));
    }

    private Allocation giveBack(CommandContext ctx, Allocation a) {
        List<LotQuantity> units = units(a);
        if (!units.isEmpty()) inventory.unhold(ctx.tenantId(), a.id(), units, a.id() + ":release");
        Allocation released = a.released(clock.instant());
        try {
            store.update(ctx.tenantId(), released, a.version());
        } catch (ConcurrentUpdateException lost) {
            return store.find(ctx.tenantId(), a.id()).orElse(released);
        }
        return released;
    }

    /** The candidate warehouses, preferred first (see {@link Request}). */
    private List<String> ranking(String tenantId, Order order, Fulfillment f, Request r) {
        List<Warehouse> all = warehouses.all(tenantId);
        Address to = order.state().shippingAddress;
        String country = to == null ? null : to.country();
        String region = to == null || to.region() == null || country == null ? null : country + "-" + to.region();
        if (r.strategy() != AllocationStrategy.NEAREST_WAREHOUSE && f.warehouseId() != null
                && all.stream().anyMatch(w -> w.id().equals(f.warehouseId()) && w.isActive())) {
            return List.of(f.warehouseId());
        }
        return Warehouses.ranking(all, r.destination(), country, region);
    }

    /** The allocation's id: derived from the request's Idempotency-Key when it has one, so a retry after a crash finds it. */
    private String allocationId(CommandContext ctx, String fulfillmentId) {
        String key = ctx.journal().requestKey();
        if (key == null) return ids.next("alc");
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest((key + "|" + fulfillmentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "alc_" + java.util.HexFormat.of().formatHex(h, 0, 13).toUpperCase(java.util.Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<LotQuantity> units(Allocation a) {
        List<LotQuantity> out = new ArrayList<>();
        for (Allocation.Line l : a.lines()) {
            for (AllocationPlan.Pick p : l.picks()) out.add(new LotQuantity(l.sku(), p.warehouseId(), p.locationId(), p.lot(), p.quantity()));
        }
        return out;
    }

    static Map<String, Object> details(Allocation a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allocation_status", a.status().wire());
        d.put("strategy", a.strategy().wire());
        List<Object> lines = new ArrayList<>();
        for (Allocation.Line l : a.lines()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line_id", l.lineId());
            x.put("sku", l.sku());
            x.put("requested", l.requested());
            x.put("allocated", l.allocated());
            if (l.reason() != null) x.put("reason", l.reason());
            lines.add(x);
        }
        d.put("lines", lines);
        return d;
    }
}
