package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PickPathTest {
    @Test
    void locationsAreWalkedInNaturalOrder() {
        List<String> path = PickPath.order(List.of("Z1-A10-B01", "Z1-A2-B10", "Z1-A2-B9", "Z0-A99-B1"), Function.identity(), false);
        assertThat(path).containsExactly("Z0-A99-B1", "Z1-A2-B9", "Z1-A2-B10", "Z1-A10-B01");
    }

    @Test
    void serpentineWalksEverySecondAisleBackwards() {
        List<String> path = PickPath.order(List.of("Z1-A1-B1", "Z1-A1-B2", "Z1-A3-B1", "Z1-A3-B2", "Z1-A4-B1", "Z1-A4-B2"),
                Function.identity(), true);
        assertThat(path).containsExactly("Z1-A1-B1", "Z1-A1-B2", "Z1-A3-B2", "Z1-A3-B1", "Z1-A4-B1", "Z1-A4-B2");
    }

    @Test
    void separatorsAndCaseDoNotMatterAndTheOrderIsTotal() {
        assertThat(PickPath.compare("z1.a2.b3", "Z1-A2-B3")).isNotZero(); // equal walk position, stable by code
        assertThat(PickPath.compare("Z1-A2", "Z1-A2-B1")).isNegative();
        assertThat(PickPath.natural("A007", "A7")).isZero();
    }
}
