package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.port.FulfilmentIndex;
import dev.oms.app.port.FulfilmentIndex.Open;
import dev.oms.app.port.WarehouseStore;
import dev.oms.domain.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ship-by SLA breaches (seed 003 {@code slas}): an open fulfilment (not shipped, not cancelled) breaches when its
 * ship-by time has passed: its {@code requested_ship_date} when one was set, else its creation plus the target
 * ({@code ship_within_hours}, the same targets as the on-time rate of the fulfilment metrics). Per warehouse: the open
 * fulfilments, the breaches and the worst lateness; and the breaches themselves, latest first. Read from the index of
 * open fulfilments per warehouse (never a Scan), at most {@value #MAX_PER_WAREHOUSE} per warehouse.
 */
public final class FulfilmentSlas {
    public static final int MAX_PER_WAREHOUSE = 1000;
    public static final int MAX_BREACHES = 500;

    private final WarehouseStore warehouses;
    private final FulfilmentIndex index;
    private final Clock clock;

    public FulfilmentSlas(WarehouseStore warehouses, FulfilmentIndex index, Clock clock) {
        this.warehouses = warehouses;
        this.index = index;
        this.clock = clock;
    }

    public record Breach(Open fulfilment, Instant dueAt, Duration lateBy) { }

    public record WarehouseSla(String warehouseId, int open, int breaches, Duration worstLateBy, boolean truncated) { }

    public record Report(Instant at, Duration target, List<WarehouseSla> warehouses, List<Breach> breaches, boolean truncated) { }

    /** All the tenant's warehouses, or only {@code warehouseId}. */
    public Report report(CommandContext ctx, Duration target, String warehouseId) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        if (warehouseId != null) ids.add(warehouseId);
        else for (Warehouse w : warehouses.all(ctx.tenantId())) ids.add(w.id());
        List<WarehouseSla> perWarehouse = new ArrayList<>();
        List<Breach> breaches = new ArrayList<>();
        for (String id : ids) {
            List<Open> open = index.open(ctx.tenantId(), id, MAX_PER_WAREHOUSE + 1);
            boolean truncated = open.size() > MAX_PER_WAREHOUSE;
            if (truncated) open = open.subList(0, MAX_PER_WAREHOUSE);
            int late = 0;
            Duration worst = null;
            for (Open f : open) {
                Instant due = f.requestedShipDate() != null ? f.requestedShipDate() : f.createdAt().plus(target);
                if (!due.isBefore(now)) continue;
                Duration by = Duration.between(due, now);
                late++;
                if (worst == null || by.compareTo(worst) > 0) worst = by;
                breaches.add(new Breach(f, due, by));
            }
            perWarehouse.add(new WarehouseSla(id, open.size(), late, worst, truncated));
        }
        breaches.sort(Comparator.comparing(Breach::lateBy).reversed().thenComparing(b -> b.fulfilment().fulfillmentId()));
        boolean truncated = breaches.size() > MAX_BREACHES;
        return new Report(now, target, perWarehouse, truncated ? breaches.subList(0, MAX_BREACHES) : breaches, truncated);
    }
}
