package dev.oms.platform.views;

import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.domain.warehouse.AllocationStrategy;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.platform.http.Body;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An allocation request as the API takes it ({@code POST /v1/fulfillment/allocations/request}, and each entry of a
 * {@code bulk_allocations} job): {@code {"fulfillment_id", "strategy", "ship_date", "min_shelf_life_days",
 * "shelf_life_by_sku": {"SKU": 30}, "destination": {"latitude", "longitude"}}}.
 */
public final class AllocationRequests {
    public static final Set<String> FIELDS = Set.of("fulfillment_id", "strategy", "ship_date", "min_shelf_life_days", "shelf_life_by_sku", "destination");
    public static final Set<String> STRATEGIES = Set.of("nearest_warehouse", "fifo", "lot_expiry");

    private AllocationRequests() { }

    /** Reads the request (its errors go to the body; the caller checks it). */
    public static WarehouseAllocations.Request request(Body b) {
        b.allow(FIELDS.toArray(String[]::new));
        String fid = b.string("fulfillment_id", true, 128);
        String strategy = b.oneOf("strategy", false, STRATEGIES);
        LocalDate shipDate = b.date("ship_date", false);
        Long shelf = b.integer("min_shelf_life_days", false, 0, 3650);
        Map<String, Integer> bySku = new LinkedHashMap<>();
        Body s = b.object("shelf_life_by_sku", false);
        if (s != null) {
            s.node().properties().forEach(e -> {
                Long v = s.integer(e.getKey(), true, 0, 3650);
                if (v != null) bySku.put(e.getKey(), v.intValue());
            });
        }
        Warehouse.Location to = null;
        Body dest = b.object("destination", false);
        if (dest != null) {
            dest.allow("latitude", "longitude");
            var lat = dest.node().get("latitude");
            var lon = dest.node().get("longitude");
            if (lat == null || !lat.isNumber() || Math.abs(lat.asDouble()) > 90) dest.error("latitude", "field.type", "latitude is a number within ±90");
            else if (lon == null || !lon.isNumber() || Math.abs(lon.asDouble()) > 180) dest.error("longitude", "field.type", "longitude is a number within ±180");
            else to = new Warehouse.Location(lat.asDouble(), lon.asDouble());
        }
        return new WarehouseAllocations.Request(fid, strategy == null ? AllocationStrategy.NEAREST_WAREHOUSE : AllocationStrategy.fromWire(strategy),
                shipDate, shelf == null ? 0 : shelf.intValue(), bySku, to);
    }
}
