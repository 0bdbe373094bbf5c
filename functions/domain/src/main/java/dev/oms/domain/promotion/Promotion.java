package dev.oms.domain.promotion;

import dev.oms.domain.money.Money;
import java.time.Instant;

/**
 * A coupon's rule as the promotions port knows it: a percentage of the goods (in basis points: 1000 = 10 %), a fixed
 * amount off the goods, or free shipping; optionally a minimum spend on the goods, a validity window and how many times
 * one customer may use it. Amounts are integer minor units.
 */
public record Promotion(String code, Type type, Integer percentBps, Money amountOff, Money minimumSpend, Instant startsAt,
                        Instant expiresAt, Integer usageLimitPerCustomer) {

    public enum Type {
        PERCENTAGE("percentage"), FIXED_AMOUNT("fixed_amount"), FREE_SHIPPING("free_shipping");

        private final String wire;

        Type(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Type parse(String wire) {
            for (Type t : values()) if (t.wire.equals(wire)) return t;
            throw new IllegalArgumentException("unknown promotion type " + wire);
        }
    }

    public Promotion {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("a promotion has a code");
        if (type == null) throw new IllegalArgumentException("a promotion has a type");
        if (type == Type.PERCENTAGE && (percentBps == null || percentBps < 1 || percentBps > 10_000)) {
            throw new IllegalArgumentException("a percentage is 1 to 10000 basis points");
        }
        if (type == Type.FIXED_AMOUNT && (amountOff == null || amountOff.minor() < 1)) throw new IllegalArgumentException("a fixed amount is positive");
        if (minimumSpend != null && minimumSpend.minor() < 0) throw new IllegalArgumentException("a minimum spend is not negative");
        if (usageLimitPerCustomer != null && usageLimitPerCustomer < 1) throw new IllegalArgumentException("a usage limit is at least 1");
        if (startsAt != null && expiresAt != null && !expiresAt.isAfter(startsAt)) throw new IllegalArgumentException("a promotion expires after it starts");
    }
}
