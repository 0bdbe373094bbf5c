package dev.oms.domain.money;

import static dev.oms.DomainAssertions.failsWithFieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void holdsMinorUnitsAndCurrency() {
        Money m = Money.of(4995, "GBP");
        assertThat(m.minor()).isEqualTo(4995L);
        assertThat(m.currency()).isEqualTo("GBP");
        assertThat(m).isEqualTo(new Money(4995, "GBP")).hasSameHashCodeAs(new Money(4995, "GBP"));
        assertThat(m).isNotEqualTo(Money.of(4995, "USD")).isNotEqualTo(Money.of(4994, "GBP"));
    }

    @Test
    void zeroIsZeroAndNotNegative() {
        Money zero = Money.zero("JPY");
        assertThat(zero.minor()).isZero();
        assertThat(zero.currency()).isEqualTo("JPY");
        assertThat(zero.isZero()).isTrue();
        assertThat(zero.isNegative()).isFalse();
        assertThat(Money.of(-1, "JPY").isNegative()).isTrue();
        assertThat(Money.of(-1, "JPY").isZero()).isFalse();
        assertThat(Money.of(1, "JPY").isNegative()).isFalse();
    }

    @Test
    void plusMinusAndTimes() {
        Money a = Money.of(1050, "GBP");
        Money b = Money.of(250, "GBP");
        assertThat(a.plus(b)).isEqualTo(Money.of(1300, "GBP"));
        assertThat(a.minus(b)).isEqualTo(Money.of(800, "GBP"));
        assertThat(b.minus(a)).isEqualTo(Money.of(-800, "GBP"));
        assertThat(a.times(3)).isEqualTo(Money.of(3150, "GBP"));
        assertThat(a.times(0)).isEqualTo(Money.zero("GBP"));
        assertThat(a.times(-2)).isEqualTo(Money.of(-2100, "GBP"));
    }

    @Test
    void operationsDoNotMutate() {
        Money a = Money.of(100, "KWD");
        a.plus(Money.of(5, "KWD"));
        a.times(7);
        assertThat(a).isEqualTo(Money.of(100, "KWD"));
    }

    @Test
    void arithmeticAcrossCurrenciesIsRefused() {
        Money gbp = Money.of(100, "GBP");
        Money usd = Money.of(100, "USD");
        var fe = failsWithFieldError(() -> gbp.plus(usd), "currency.mismatch");
        assertThat(fe.field()).isEqualTo("currency");
        assertThat(fe.message()).contains("USD").contains("GBP");
        failsWithFieldError(() -> gbp.minus(usd), "currency.mismatch");
        failsWithFieldError(() -> gbp.compareTo(usd), "currency.mismatch");
        failsWithFieldError(() -> gbp.sameCurrency(usd), "currency.mismatch");
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        Money max = Money.of(Long.MAX_VALUE, "GBP");
        assertThatThrownBy(() -> max.plus(Money.of(1, "GBP"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MIN_VALUE, "GBP").minus(Money.of(1, "GBP"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void comparesWithinACurrency() {
        assertThat(Money.of(100, "GBP")).isLessThan(Money.of(101, "GBP"));
        assertThat(Money.of(100, "GBP")).isGreaterThan(Money.of(-100, "GBP"));
        assertThat(Money.of(100, "GBP").compareTo(Money.of(100, "GBP"))).isZero();
    }

    @Test
    void toStringShowsMinorUnitsAndCode() {
        assertThat(Money.of(4995, "GBP")).hasToString("4995 GBP");
        assertThat(Money.of(-7, "JPY")).hasToString("-7 JPY");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"XYZ", "gbp", "XAU", "GB", "GBPP", "12A"})
    void unknownCurrencyIsRefused(String code) {
        var fe = failsWithFieldError(() -> Money.of(1, code), "currency.unknown");
        assertThat(fe.field()).isEqualTo("currency");
    }
}
