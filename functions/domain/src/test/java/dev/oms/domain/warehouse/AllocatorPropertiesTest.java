package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Random stock (warehouses, locations, lots, expiries, some expired, some without expiry) and random orders, every
 * strategy: never an expired or short-dated lot, never more than a lot has, never stock outside the ranking, exactly
 * what was asked or less with a reason, and the same plan whatever order the stock is listed in.
 */
class AllocatorPropertiesTest {
    private static final LocalDate SHIP = LocalDate.of(2026, 12, 10);
    private static final String[] SKUS = {"A", "B", "C", "D"};

    @Property(tries = 300)
    void plansAreSafeExactAndDeterministic(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        Random r = new Random(seed);
        List<String> warehouses = List.of("w1", "w2", "w3");
        List<StockLot> stock = new ArrayList<>();
        int n = r.nextInt(25);
        for (int i = 0; i < n; i++) {
            LocalDate expiry = r.nextInt(4) == 0 ? null : SHIP.plusDays(r.nextInt(60) - 20);
            stock.add(new StockLot(warehouses.get(r.nextInt(3)), "L-" + r.nextInt(6), SKUS[r.nextInt(SKUS.length)], "lot" + i, expiry,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * r.nextInt(500)), r.nextInt(8)));
        }
        List<String> ranking = new ArrayList<>(warehouses.subList(0, 1 + r.nextInt(3)));
        Collections.shuffle(ranking, r);
        List<AllocationDemand> lines = new ArrayList<>();
        int m = 1 + r.nextInt(4);
        for (int i = 0; i < m; i++) lines.add(new AllocationDemand("l" + i, SKUS[r.nextInt(SKUS.length)], 1 + r.nextInt(10), r.nextInt(15)));
        AllocationStrategy strategy = AllocationStrategy.values()[r.nextInt(3)];

        AllocationPlan plan = Allocator.allocate(lines, stock, ranking, strategy, SHIP);

        Map<String, StockLot> byLot = new HashMap<>();
        for (StockLot s : stock) byLot.put(s.lot(), s);
        Map<String, Long> used = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            AllocationDemand demand = lines.get(i);
            AllocationPlan.LineAllocation line = plan.lines().get(i);
            assertThat(line.lineId()).isEqualTo(demand.lineId());
            assertThat(line.allocated()).isBetween(0L, demand.quantity());
            assertThat(line.reason() == null).isEqualTo(line.allocated() == demand.quantity());
            for (AllocationPlan.Pick p : line.picks()) {
                StockLot s = byLot.get(p.lot());
                assertThat(s.sku()).isEqualTo(demand.sku());
                assertThat(ranking).contains(s.warehouseId());
                assertThat(s.fresh(SHIP, demand.minShelfLifeDays())).as("never an expired or short-dated lot").isTrue();
                assertThat(p.quantity()).isPositive();
                used.merge(p.lot(), p.quantity(), Long::sum);
            }
        }
        used.forEach((lot, q) -> assertThat(q).as("never more than lot %s has", lot).isLessThanOrEqualTo(byLot.get(lot).available()));

        List<StockLot> shuffled = new ArrayList<>(stock);
        Collections.shuffle(shuffled, r);
        assertThat(Allocator.allocate(lines, shuffled, ranking, strategy, SHIP)).as("deterministic").isEqualTo(plan);
    }
}
