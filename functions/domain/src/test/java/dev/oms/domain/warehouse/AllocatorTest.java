package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static final LocalDate SHIP = LocalDate.of(2026, 12, 10);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static StockLot lot(String wh, String loc, String sku, String lot, LocalDate expiry, int receivedDay, long qty) {
        return new StockLot(wh, loc, sku, lot, expiry, T0.plusSeconds(86_400L * receivedDay), qty);
    }

    @Test
    void fefoTakesTheFirstExpiringFreshLotAndSkipsShortDatedOnes() {
        List<StockLot> stock = List.of(
                lot("wh1", "A-01", "MILK", "L1", SHIP.plusDays(2), 1, 10),   // short-dated for a 5-day minimum
                lot("wh1", "A-02", "MILK", "L2", SHIP.plusDays(9), 3, 4),
                lot("wh1", "A-03", "MILK", "L3", SHIP.plusDays(6), 5, 3),
                lot("wh1", "A-04", "MILK", "L4", null, 0, 10));
        AllocationPlan plan = Allocator.allocate(List.of(new AllocationDemand("l1", "MILK", 5, 5)), stock, List.of("wh1"),
                AllocationStrategy.LOT_EXPIRY, SHIP);
        assertThat(plan.status()).isEqualTo(AllocationPlan.Status.ALLOCATED);
        assertThat(plan.lines().get(0).picks()).extracting(AllocationPlan.Pick::lot, AllocationPlan.Pick::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L3", 3L), org.assertj.core.groups.Tuple.tuple("L2", 2L));
    }

    @Test
    void aLotExpiringExactlyOnTheLastAcceptableDayIsFresh() {
        StockLot edge = lot("wh1", "A-01", "MILK", "L1", SHIP.plusDays(5), 1, 1);
        assertThat(edge.fresh(SHIP, 5)).isTrue();
        assertThat(edge.fresh(SHIP, 6)).isFalse();
    }

    @Test
    void onlyShortDatedStockFailsWithItsReason() {
        AllocationPlan plan = Allocator.allocate(List.of(new AllocationDemand("l1", "MILK", 1, 30)),
                List.of(lot("wh1", "A-01", "MILK", "L1", SHIP.plusDays(3), 1, 10)), List.of("wh1"), AllocationStrategy.FIFO, SHIP);
        assertThat(plan.status()).isEqualTo(AllocationPlan.Status.FAILED);
        assertThat(plan.lines().get(0).reason()).isEqualTo("allocation.short_dated");
    }

    @Test
    void fifoTakesTheOldestStockAndReportsAShortfall() {
        List<StockLot> stock = List.of(lot("wh1", "B-01", "TEE", null, null, 5, 2), lot("wh1", "B-02", "TEE", null, null, 1, 1));
        AllocationPlan plan = Allocator.allocate(List.of(new AllocationDemand("l1", "TEE", 5, 0)), stock, List.of("wh1"),
                AllocationStrategy.FIFO, SHIP);
        var line = plan.lines().get(0);
        assertThat(line.picks()).extracting(AllocationPlan.Pick::locationId).containsExactly("B-02", "B-01");
        assertThat(line.allocated()).isEqualTo(3);
        assertThat(line.status()).isEqualTo(AllocationPlan.Status.PARTIAL);
        assertThat(line.reason()).isEqualTo("allocation.insufficient_stock");
        assertThat(plan.status()).isEqualTo(AllocationPlan.Status.PARTIAL);
    }

    @Test
    void nearestWarehouseShipsWholeFromOneWarehouseWhenItCan() {
        List<StockLot> stock = List.of(
                lot("near", "A-01", "TEE", null, null, 1, 5), // near has tees but no mugs
                lot("far", "A-01", "TEE", null, null, 1, 5),
                lot("far", "A-02", "MUG", null, null, 1, 5));
        List<AllocationDemand> lines = List.of(new AllocationDemand("l1", "TEE", 2, 0), new AllocationDemand("l2", "MUG", 1, 0));
        AllocationPlan plan = Allocator.allocate(lines, stock, List.of("near", "far"), AllocationStrategy.NEAREST_WAREHOUSE, SHIP);
        assertThat(plan.status()).isEqualTo(AllocationPlan.Status.ALLOCATED);
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l.picks()).allSatisfy(p -> assertThat(p.warehouseId()).isEqualTo("far")));
    }

    @Test
    void nearestWarehouseSplitsLineByLineWhenNoWarehouseHasEverything() {
        List<StockLot> stock = List.of(lot("near", "A-01", "TEE", null, null, 1, 5), lot("far", "A-02", "MUG", null, null, 1, 5));
        List<AllocationDemand> lines = List.of(new AllocationDemand("l1", "TEE", 2, 0), new AllocationDemand("l2", "MUG", 1, 0));
        AllocationPlan plan = Allocator.allocate(lines, stock, List.of("near", "far"), AllocationStrategy.NEAREST_WAREHOUSE, SHIP);
        assertThat(plan.status()).isEqualTo(AllocationPlan.Status.ALLOCATED);
        assertThat(plan.lines().get(0).picks().get(0).warehouseId()).isEqualTo("near");
        assertThat(plan.lines().get(1).picks().get(0).warehouseId()).isEqualTo("far");
    }

    @Test
    void stockOutsideTheRankingIsNeverUsedAndTwoLinesOfOneSkuShareIt() {
        List<StockLot> stock = List.of(lot("wh1", "A-01", "TEE", null, null, 1, 3), lot("closed", "A-01", "TEE", null, null, 1, 100));
        List<AllocationDemand> lines = List.of(new AllocationDemand("l1", "TEE", 2, 0), new AllocationDemand("l2", "TEE", 2, 0));
        AllocationPlan plan = Allocator.allocate(lines, stock, List.of("wh1"), AllocationStrategy.FIFO, SHIP);
        assertThat(plan.lines().get(0).allocated()).isEqualTo(2);
        assertThat(plan.lines().get(1).allocated()).isEqualTo(1);
        assertThat(Allocator.allocate(List.of(new AllocationDemand("l1", "MUG", 1, 0)), stock, List.of("wh1"), AllocationStrategy.FIFO, SHIP)
                .lines().get(0).reason()).isEqualTo("allocation.no_stock");
    }
}
