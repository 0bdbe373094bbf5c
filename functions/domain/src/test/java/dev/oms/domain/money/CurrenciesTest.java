package dev.oms.domain.money;

import static dev.oms.DomainAssertions.failsWithFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrenciesTest {

    @ParameterizedTest(name = "{0} has exponent {1}")
    @CsvSource({"JPY,0", "KRW,0", "GBP,2", "USD,2", "EUR,2", "KWD,3", "BHD,3", "TND,3"})
    void iso4217Exponents(String code, int exponent) {
        assertThat(Currencies.isKnown(code)).isTrue();
        assertThat(Currencies.exponent(code)).isEqualTo(exponent);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"XYZ", "gbp", "Gbp", "XAU", "XAG", "XXX", "XTS", "XDR", "GB", "GBPX", " GBP", "GBP ", "G8P"})
    void unknownOrNonMonetaryCodesAreRejected(String code) {
        assertThat(Currencies.isKnown(code)).isFalse();
        var fe = failsWithFieldError(() -> Currencies.exponent(code), "currency.unknown");
        assertThat(fe.field()).isEqualTo("currency");
        assertThat(fe.message()).contains("Unknown ISO 4217 currency");
    }

    @Test
    void goldHasNoMinorUnitAndIsRejected() {
        // XAU is an ISO 4217 code but has no minor unit ("N.A."): it cannot be an order currency.
        assertThat(java.util.Currency.getInstance("XAU").getDefaultFractionDigits()).isEqualTo(-1);
        assertThat(Currencies.isKnown("XAU")).isFalse();
    }
    @ParameterizedTest
    @ValueSource(strings = {"DEM", "FRF", "VEF"})
    void withdrawnCurrenciesAreRejected(String code) {
        assertThat(Currencies.isKnown(code)).isFalse();
    }
}
