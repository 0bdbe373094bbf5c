package dev.oms.platform.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import org.junit.jupiter.api.Test;

class StripeAmountsTest {
    @Test
    void twoAndZeroDecimalCurrenciesAreSentAsTheyAre() {
        assertThat(StripeAmounts.toStripe(Money.of(4995, "GBP"))).isEqualTo(4995);
        assertThat(StripeAmounts.toStripe(Money.of(500, "JPY"))).isEqualTo(500);
        assertThat(StripeAmounts.toStripe(Money.of(12000, "KRW"))).isEqualTo(12000);
        assertThat(StripeAmounts.currency(Money.of(1, "GBP"))).isEqualTo("gbp");
    }

    @Test
    void iskAndUgxAreSentInTwoDecimalsAndReadBack() {
        assertThat(StripeAmounts.toStripe(Money.of(500, "ISK"))).isEqualTo(50000);
        assertThat(StripeAmounts.toStripe(Money.of(7, "UGX"))).isEqualTo(700);
        assertThat(StripeAmounts.fromStripe(50000, "isk")).isEqualTo(500);
        assertThat(StripeAmounts.fromStripe(4995, "gbp")).isEqualTo(4995);
    }

    @Test
    void threeDecimalCurrenciesMustEndInZero() {
        assertThat(StripeAmounts.toStripe(Money.of(5120, "KWD"))).isEqualTo(5120);
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of(5125, "KWD")))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("payment.amount_not_supported");
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of(1001, "BHD"))).isInstanceOf(DomainException.class);
    }
}
