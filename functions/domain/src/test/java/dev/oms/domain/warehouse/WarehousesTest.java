package dev.oms.domain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehousesTest {
    static Warehouse wh(String id, String status, double lat, double lon, List<String> regions) {
        return new Warehouse(id, id, status, null, "Europe/London", new Warehouse.Location(lat, lon), regions, List.of("pick"), List.of(), Map.of(),
                List.of(), 1, null, null, null, null);
    }

    @Test
    void theRankingIsActiveServingWarehousesNearestFirst() {
        List<Warehouse> all = List.of(wh("leeds", "active", 53.8, -1.55, List.of("GB")), wh("london", "active", 51.5, -0.12, List.of()),
                wh("dublin", "active", 53.35, -6.26, List.of("IE")), wh("york", "inactive", 53.96, -1.08, List.of()));
        Warehouse.Location manchester = new Warehouse.Location(53.48, -2.24);
        assertEquals(List.of("leeds", "london"), Warehouses.ranking(all, manchester, "GB", "GB-ENG"));
        assertEquals(List.of("dublin", "london"), Warehouses.ranking(all, new Warehouse.Location(51.9, -8.47), "IE", null));
        assertEquals(List.of("dublin", "leeds", "london"), Warehouses.ranking(all, null, null, null));
    }

    @Test
    void invalidWarehousesAreRefusedWithEveryProblem() {
        Warehouse bad = new Warehouse("x", "x", "active", null, "Mars/Base", new Warehouse.Location(99, 0), List.of("gb"), List.of("teleport"),
                List.of(), Map.of(), List.of(new Warehouse.Zone("A", null, "pick"), new Warehouse.Zone("A", null, "attic")), 1, null, null, null, null);
        DomainException e = assertThrows(DomainException.class, () -> Warehouses.check(bad));
        assertEquals(List.of("warehouse.timezone_invalid", "warehouse.location_invalid", "warehouse.capability_unknown", "warehouse.region_invalid",
                "warehouse.zone_duplicate", "warehouse.zone_type_unknown"), e.fieldErrors().stream().map(DomainException.FieldError::code).toList());
    }
}
