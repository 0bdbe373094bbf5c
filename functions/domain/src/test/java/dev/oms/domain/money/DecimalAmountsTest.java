package dev.oms.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Decimal amounts in 0-, 2- and 3-decimal currencies round-trip exactly; anything finer is refused, never rounded. */
class DecimalAmountsTest {

    @Provide
    Arbitrary<String> currencies() { return Arbitraries.of("JPY", "EUR", "USD", "KWD", "BHD", "CLP"); }

    @Property(tries = 500)
    void minorUnitsRoundTripExactly(@ForAll("currencies") String currency, @ForAll("minor") long minor) {
        BigDecimal decimal = DecimalAmounts.toDecimal(minor, currency);
        assertThat(decimal.scale()).isEqualTo(Currencies.exponent(currency));
        assertThat(DecimalAmounts.toMinor(decimal, currency, "amount")).isEqualTo(minor);
        // as it travels in JSON: the plain text parsed back
        assertThat(DecimalAmounts.toMinor(new BigDecimal(decimal.toPlainString()), currency, "amount")).isEqualTo(minor);
    }

    @Property(tries = 500)
    void anythingFinerThanTheCurrencyIsRefused(@ForAll("currencies") String currency, @ForAll("minor") long minor,
                                               @ForAll("extraDigit") int digit) {
        BigDecimal finer = DecimalAmounts.toDecimal(minor, currency).add(BigDecimal.valueOf(digit, Currencies.exponent(currency) + 1));
        assertThatThrownBy(() -> DecimalAmounts.toMinor(finer, currency, "refund_amount"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldErrors().getFirst().code()).isEqualTo("amount.precision"));
    }

    @Provide
    Arbitrary<Long> minor() { return Arbitraries.longs().between(0, 10_000_000_000_000L); }

    @Provide
    Arbitrary<Integer> extraDigit() { return Arbitraries.integers().between(1, 9); }

    @Test
    void examples() {
        assertThat(DecimalAmounts.toMinor(new BigDecimal("66.17"), "EUR", "a")).isEqualTo(6617);
        assertThat(DecimalAmounts.toMinor(new BigDecimal("66.170"), "EUR", "a")).isEqualTo(6617);
        assertThat(DecimalAmounts.toMinor(new BigDecimal("500"), "JPY", "a")).isEqualTo(500);
        assertThat(DecimalAmounts.toMinor(new BigDecimal("1.5"), "KWD", "a")).isEqualTo(1500);
        assertThat(DecimalAmounts.toDecimal(1500, "KWD").toPlainString()).isEqualTo("1.500");
        assertThat(DecimalAmounts.toDecimal(500, "JPY").toPlainString()).isEqualTo("500");
        assertThatThrownBy(() -> DecimalAmounts.toMinor(new BigDecimal("0.5"), "JPY", "a")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> DecimalAmounts.toMinor(new BigDecimal("66.175"), "EUR", "a")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> DecimalAmounts.toMinor(new BigDecimal("-1"), "EUR", "a")).isInstanceOf(DomainException.class);
    }
}
