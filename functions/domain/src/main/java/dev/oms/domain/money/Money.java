package dev.oms.domain.money;

import dev.oms.domain.DomainException;

/** An amount in integer minor units of an ISO 4217 currency. Never a floating point number. */
public record Money(long minor, String currency) implements Comparable<Money> {

    public Money {
        if (!Currencies.isKnown(currency)) {
            throw DomainException.invalidField("currency", "currency.unknown", "Unknown ISO 4217 currency: " + currency);
        }
    }

    public static Money zero(String currency) { return new Money(0, currency); }

    public static Money of(long minor, String currency) { return new Money(minor, currency); }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money times(long quantity) { return new Money(Math.multiplyExact(minor, quantity), currency); }

    public boolean isNegative() { return minor < 0; }

    public boolean isZero() { return minor == 0; }

    public void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw DomainException.invalidField("currency", "currency.mismatch",
                    "Currency " + other.currency + " does not match " + currency);
        }
    }

    @Override
    public int compareTo(Money other) {
        sameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    /** For people: {@code 29.49 GBP}, {@code 1200 JPY}, {@code 1.250 KWD} (exact, in the currency's minor-unit digits). */
    public String display() {
        return java.math.BigDecimal.valueOf(minor).movePointLeft(Currencies.exponent(currency)).toPlainString() + " " + currency;
    }

    @Override
    public String toString() { return minor + " " + currency; }
}
