package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.warehouse.PackagingAdvisor.Item;
import dev.oms.domain.warehouse.PackagingAdvisor.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackagingAndSlottingTest {
    private final List<Profile> boxes = List.of(new Profile("large", 600, 400, 400, 20_000), new Profile("small", 300, 200, 100, 5_000),
            new Profile("medium", 400, 300, 200, 10_000));

    @Test
    void theSmallestBoxThatTakesEverythingIsChosenAndUnitsMayBeTurned() {
        var r = PackagingAdvisor.recommend(List.of(new Item("TEE", 250, 90, 180, 200, 2)), boxes); // 90 x 180 x 250 turned
        assertThat(r.boxes()).extracting(PackagingAdvisor.Box::profileId).containsExactly("medium");
        assertThat(r.boxes().get(0).skus()).containsExactly("TEE", "TEE");
        assertThat(r.unpackable()).isEmpty();
    }

    @Test
    void weightSplitsIntoSeveralBoxesAndOversizedUnitsAreReportedNotForced() {
        var r = PackagingAdvisor.recommend(List.of(new Item("ANVIL", 100, 100, 100, 15_000, 2), new Item("POLE", 2000, 50, 50, 500, 1)), boxes);
        assertThat(r.boxes()).hasSize(2).allSatisfy(b -> assertThat(b.weightGrams()).isLessThanOrEqualTo(20_000));
        assertThat(r.unpackable()).containsExactly("POLE");
    }

    @Test
    void slottingMovesTheFastestSkusNearestToPackingWithReasons() {
        var moves = Slotting.recommend(Map.of("TEE", 120L, "MUG", 40L, "HAT", 0L, "SOCK", 40L),
                Map.of("TEE", "Z9-A20-B1", "MUG", "Z1-A1-B2"),
                List.of(new Slotting.Bin("Z1-A1-B1", 3), new Slotting.Bin("Z1-A1-B2", 5), new Slotting.Bin("Z9-A20-B1", 80)), 7, 10);
        assertThat(moves).extracting(Slotting.Move::sku, Slotting.Move::toBin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TEE", "Z1-A1-B1"), org.assertj.core.groups.Tuple.tuple("SOCK", "Z9-A20-B1"));
        assertThat(moves.get(0).explanation()).isEqualTo("TEE: 120 picks in 7 days, the 1st fastest; bin Z1-A1-B1 is 3 m from packing (now in Z9-A20-B1)");
    }
}
