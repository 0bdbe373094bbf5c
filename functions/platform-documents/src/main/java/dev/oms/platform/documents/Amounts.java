package dev.oms.platform.documents;

import java.math.BigDecimal;

/** Amounts in minor units as people read them, exactly: no floating point anywhere. */
public final class Amounts {
    private Amounts() { }

    /** {@code format(4995, 2)} is {@code "49.95"}, {@code format(5000, 0)} is {@code "5000"}, {@code format(1234, 3)} is {@code "1.234"}. */
    public static String format(long minor, int exponent) {
        return BigDecimal.valueOf(minor).movePointLeft(exponent).toPlainString();
    }

    /** Grams as kilograms without trailing zeros: {@code 1250} is {@code "1.25 kg"}. */
    static String kilograms(int grams) {
        return BigDecimal.valueOf(grams).movePointLeft(3).stripTrailingZeros().toPlainString() + " kg";
    }
}
