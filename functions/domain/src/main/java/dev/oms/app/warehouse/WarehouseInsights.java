package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.port.AuditFilter;
import dev.oms.app.port.AuditLog;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.warehouse.Slotting;
import dev.oms.domain.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a warehouse's pick events say (never typed in): its capacity (units picked per hour, from the
 * {@code picklist.scanned} events of the window) and slotting advice (SKUs ranked by units picked, advised the bins
 * nearest packing, {@link Slotting}). The events are read by type from the audit index, newest first, at most
 * {@link #MAX_EVENTS} per question.
 */
public final class WarehouseInsights {
    public static final int MAX_EVENTS = 10_000;
    static final String PICKS = "picklist.scanned";

    private final WarehouseDirectory warehouses;
    private final AuditLog log;
    private final Clock clock;

    public WarehouseInsights(WarehouseDirectory warehouses, AuditLog log, Clock clock) {
        this.warehouses = warehouses;
        this.log = log;
        this.clock = clock;
    }

    /** Units picked per hour: over the window, per active hour (hours with picks), the busiest hour, and each hour's count. */
    public record Capacity(Warehouse warehouse, Instant from, Instant to, long unitsPicked, int scanBatches, int activeHours, long picksPerActiveHour,
                           long peakPicksPerHour, Map<Instant, Long> byHour, boolean truncated) { }

    public Capacity capacity(CommandContext ctx, String warehouseId, int windowHours) {
        Warehouse w = warehouses.get(ctx, warehouseId);
        Instant to = clock.instant(), from = to.minus(Duration.ofHours(windowHours));
        Map<Instant, Long> byHour = new TreeMap<>();
        long units = 0;
        int batches = 0;
        Picks picks = picks(ctx.tenantId(), warehouseId, from, to);
        for (StoredEvent e : picks.events()) {
            long n = 0;
            if (e.data().get("picked_by_sku") instanceof Map<?, ?> m) for (Object v : m.values()) n += ((Number) v).longValue();
            if (n == 0) continue;
            batches++;
            units += n;
            byHour.merge(e.occurredAt().truncatedTo(ChronoUnit.HOURS), n, Long::sum);
        }
        long peak = byHour.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long perActive = byHour.isEmpty() ? 0 : units / byHour.size();
        return new Capacity(w, from, to, units, batches, byHour.size(), perActive, peak, byHour, picks.truncated());
    }

    /** The bins a SKU may move to (with their walking distance to packing) and where SKUs are now. */
    public record SlottingAdvice(Warehouse warehouse, int windowDays, Map<String, Long> unitsBySku, List<Slotting.Move> moves, boolean truncated) { }

    public SlottingAdvice slotting(CommandContext ctx, String warehouseId, int windowDays, List<Slotting.Bin> bins, Map<String, String> currentBin, int limit) {
        Warehouse w = warehouses.get(ctx, warehouseId);
        Instant to = clock.instant(), from = to.minus(Duration.ofDays(windowDays));
        Map<String, Long> bySku = new TreeMap<>();
        Picks picks = picks(ctx.tenantId(), warehouseId, from, to);
        for (StoredEvent e : picks.events()) {
            if (e.data().get("picked_by_sku") instanceof Map<?, ?> m) m.forEach((sku, v) -> bySku.merge(String.valueOf(sku), ((Number) v).longValue(), Long::sum));
        }
        return new SlottingAdvice(w, windowDays, bySku, Slotting.recommend(bySku, currentBin, bins, windowDays, limit), picks.truncated());
    }

    private record Picks(List<StoredEvent> events, boolean truncated) { }

    private Picks picks(String tenantId, String warehouseId, Instant from, Instant to) {
        List<StoredEvent> out = new ArrayList<>();
        String position = null;
        int read = 0;
        do {
            Page<StoredEvent> page = log.search(tenantId, new AuditFilter(null, PICKS, from, to), new PageRequest(position, 200));
            for (StoredEvent e : page.items()) if (warehouseId.equals(e.data().get("warehouse_id"))) out.add(e);
            read += page.items().size();
            position = page.nextPosition();
        } while (position != null && read < MAX_EVENTS);
        return new Picks(out, position != null);
    }
}
