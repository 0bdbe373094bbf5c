package dev.oms.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocationTest {

    @Test
    void exactSplitNeedsNoRemainder() {
        assertThat(Allocation.largestRemainder(600, new long[] {1, 2, 3})).containsExactly(100, 200, 300);
    }

    @Test
    void leftoverUnitsGoToTheLargestRemainders() {
        // 100 * 1000/6000 = 16 r 4000, 100 * 2000/6000 = 33 r 2000, 100 * 3000/6000 = 50 r 0
        assertThat(Allocation.largestRemainder(100, new long[] {1000, 2000, 3000})).containsExactly(17, 33, 50);
        // 10 over weights 1,1,1: 3 r 1 each, one unit left over -> the first part (tie)
        assertThat(Allocation.largestRemainder(10, new long[] {1, 1, 1})).containsExactly(4, 3, 3);
        // remainders 0.2, 0.8 -> the second part gets the unit although it comes later
        assertThat(Allocation.largestRemainder(2, new long[] {3, 2})).containsExactly(1, 1);
        assertThat(Allocation.largestRemainder(7, new long[] {1, 4})).containsExactly(1, 6);
    }

    @Test
    void tiesGoToTheEarlierPart() {
        assertThat(Allocation.largestRemainder(1, new long[] {1, 1})).containsExactly(1, 0);
        assertThat(Allocation.largestRemainder(2, new long[] {1, 1, 1})).containsExactly(1, 1, 0);
        assertThat(Allocation.largestRemainder(5, new long[] {2, 2, 2, 2})).containsExactly(2, 1, 1, 1);
        // 1 over weights 1,3,3: remainders 1, 3, 3 -> the tie between the 2nd and 3rd goes to the 2nd
        assertThat(Allocation.largestRemainder(1, new long[] {1, 3, 3})).containsExactly(0, 1, 0);
    }

    @Test
    void negativeTotalsAreSplitByMagnitudeWithTheSignKept() {
        assertThat(Allocation.largestRemainder(-10, new long[] {1, 1, 1})).containsExactly(-4, -3, -3);
        assertThat(Allocation.largestRemainder(-100, new long[] {1000, 2000, 3000})).containsExactly(-17, -33, -50);
        assertThat(sum(Allocation.largestRemainder(-7, new long[] {5, 0, 2}))).isEqualTo(-7);
    }

    @Test
    void zeroWeightsGetNothingWhileOthersHaveWeight() {
        assertThat(Allocation.largestRemainder(10, new long[] {0, 3, 0, 7})).containsExactly(0, 3, 0, 7);
        assertThat(Allocation.largestRemainder(5, new long[] {0, 1, 0})).containsExactly(0, 5, 0);
    }

    @Test
    void allZeroWeightsSplitEvenly() {
        assertThat(Allocation.largestRemainder(10, new long[] {0, 0, 0})).containsExactly(4, 3, 3);
        assertThat(Allocation.largestRemainder(0, new long[] {0, 0})).containsExactly(0, 0);
    }

    @Test
    void zeroTotalGivesZeros() {
        assertThat(Allocation.largestRemainder(0, new long[] {5, 3, 1})).containsExactly(0, 0, 0);
    }

    @Test
    void noPartsGiveAnEmptyArray() {
        assertThat(Allocation.largestRemainder(100, new long[0])).isEmpty();
    }

    @Test
    void singlePartTakesEverything() {
        assertThat(Allocation.largestRemainder(12345, new long[] {7})).containsExactly(12345);
    }

    @Test
    void negativeWeightsAreRefused() {
        assertThatThrownBy(() -> Allocation.largestRemainder(10, new long[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void largeAmountsDoNotOverflow() {
        long total = Long.MAX_VALUE / 2;
        long[] parts = Allocation.largestRemainder(total, new long[] {Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 1});
        assertThat(sum(parts)).isEqualTo(total);
    }

    @Test
    void doesNotChangeTheWeights() {
        long[] weights = {0, 0};
        Allocation.largestRemainder(10, weights);
        assertThat(weights).containsExactly(0, 0);
    }

    @Test
    void partsAlwaysSumToTheTotalAndStayWithinOneOfTheExactShare() {
        Random random = new Random(20250301L);
        for (int run = 0; run < 5_000; run++) {
            int n = 1 + random.nextInt(12);
            long[] weights = new long[n];
            for (int i = 0; i < n; i++) weights[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000);
            long total = random.nextInt(2_000_001) - 1_000_000L;
            long[] parts = Allocation.largestRemainder(total, weights);

            assertThat(parts).as("run %d: %d over %s", run, total, Arrays.toString(weights)).hasSize(n);
            assertThat(sum(parts)).as("run %d: %d over %s", run, total, Arrays.toString(weights)).isEqualTo(total);
            long weightSum = sum(weights);
            for (int i = 0; i < n; i++) {
                double exact = weightSum == 0 ? (double) total / n : (double) total * weights[i] / weightSum;
                assertThat(Math.abs(parts[i] - exact)).as("run %d part %d", run, i).isLessThan(1.0);
                if (total != 0) assertThat(Long.signum(parts[i])).isIn(0, Long.signum(total));
                if (weightSum != 0 && weights[i] == 0) assertThat(parts[i]).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1} = {2}")
    @CsvSource({
            "5,2,2",       // 2.5 -> 2 (even)
            "7,2,4",       // 3.5 -> 4 (even)
            "1,2,0",       // 0.5 -> 0
            "3,2,2",       // 1.5 -> 2
            "9,2,4",       // 4.5 -> 4
            "6,2,3",       // exact
            "0,7,0",       // zero
            "10,4,2",      // 2.5 -> 2
            "14,4,4",      // 3.5 -> 4
            "7,3,2",       // 2.33 -> 2
            "8,3,3",       // 2.67 -> 3
            "251,100,3",   // 2.51 -> 3 (above half always rounds up)
            "249,100,2",   // 2.49 -> 2
            "7000000,10000,700",
            "525000,10000,52",   // 52.5 -> 52
            "535000,10000,54"    // 53.5 -> 54
    })
    void divideHalfEven(long numerator, long denominator, long expected) {
        assertThat(Allocation.divideHalfEven(numerator, denominator)).isEqualTo(expected);
    }

    @Test
    void divideHalfEvenRefusesNegativeNumeratorsAndNonPositiveDenominators() {
        assertThatThrownBy(() -> Allocation.divideHalfEven(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allocation.divideHalfEven(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allocation.divideHalfEven(1, -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void divideHalfEvenAgreesWithBigDecimalHalfEven() {
        Random random = new Random(42L);
        for (int i = 0; i < 10_000; i++) {
            long num = random.nextInt(1_000_000);
            long den = 1 + random.nextInt(10_000);
            long expected = java.math.BigDecimal.valueOf(num)
                    .divide(java.math.BigDecimal.valueOf(den), 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            assertThat(Allocation.divideHalfEven(num, den)).as("%d/%d", num, den).isEqualTo(expected);
        }
    }

    @Test
    void aLargerTotalCanRoundAPartDownWhichRaiseToFloorsUndoes() {
        long[] weights = {44, 146, 2186};
        assertThat(Allocation.largestRemainder(2351, weights)).containsExactly(44, 144, 2163);
        long[] later = Allocation.largestRemainder(2355, weights);
        assertThat(later).containsExactly(43, 145, 2167);
        assertThat(Allocation.raiseToFloors(later, new long[] {44, 49, 0})).containsExactly(44, 145, 2166);
    }

    @Test
    void raiseToFloorsKeepsTheSumAndTakesFromTheMostToSpare() {
        assertThat(Allocation.raiseToFloors(new long[] {0, 10, 5}, new long[] {3, 0, 4})).containsExactly(3, 7, 5);
        assertThat(Allocation.raiseToFloors(new long[] {1, 2}, new long[] {1, 2})).containsExactly(1, 2);
        assertThat(Allocation.raiseToFloors(new long[] {0, 1}, new long[] {5, 0})).as("met as far as the others can").containsExactly(1, 0);
    }

    private static long sum(long[] xs) {
        long s = 0;
        for (long x : xs) s += x;
        return s;
    }
}
