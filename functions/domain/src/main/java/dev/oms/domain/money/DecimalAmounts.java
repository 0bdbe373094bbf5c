package dev.oms.domain.money;

import dev.oms.domain.DomainException;
import java.math.BigDecimal;

/**
 * Exact conversion between decimal amounts ({@code 66.17}, as the seller and simple order APIs speak them) and integer
 * minor units, by the currency's ISO 4217 exponent (JPY 0, EUR 2, KWD 3). Never rounds: an amount with more decimals
 * than its currency has is refused ({@code amount.precision}), and so are negative amounts and amounts past a long.
 */
public final class DecimalAmounts {
    private DecimalAmounts() { }

    /** {@code 66.17} EUR is 6617; {@code 66.175} EUR is refused; {@code 66.170} EUR is 6617 (trailing zeros are exact). */
    public static long toMinor(BigDecimal amount, String currency, String field) {
        int exponent = Currencies.exponent(currency);
        if (amount.signum() < 0) throw DomainException.invalidField(field, "amount.negative", field + " must not be negative");
        BigDecimal scaled = amount.movePointRight(exponent).stripTrailingZeros();
        if (scaled.scale() > 0) {
            throw DomainException.invalidField(field, "amount.precision",
                    field + " has more decimals than " + currency + " has (" + exponent + "): " + amount.toPlainString());
        }
        try {
            return scaled.longValueExact();
        } catch (ArithmeticException e) {
            throw DomainException.invalidField(field, "amount.too_large", field + " is too large");
        }
    }

    /** 6617 EUR is {@code 66.17}; 500 JPY is {@code 500}; 1500 KWD is {@code 1.500} (always the currency's scale). */
    public static BigDecimal toDecimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currencies.exponent(currency));
    }
}
