package dev.oms.app.search;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

/**
 * The orders of one currency among the matches: how many, the sum of their totals and the average total, in the
 * currency's minor units. The average is the sum divided by the count rounded to the nearest minor unit, halves away
 * from zero (1001 / 2 = 501): it is the only rounded figure, and the sum stays exact.
 */
public record CurrencyTotals(String currency, long count, long sum) {
    public long average() {
        if (count == 0) return 0;
        return new BigDecimal(BigInteger.valueOf(sum)).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
