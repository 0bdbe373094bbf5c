package dev.oms.platform.connectors.stripe;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.money.Money;
import java.util.Locale;
import java.util.Set;

/**
 * OMS money (ISO 4217 minor units) to Stripe's amounts and back, by Stripe's currency rules
 * (https://docs.stripe.com/currencies): zero-decimal currencies are sent as they are (JPY 500 is 500); ISK and UGX,
 * zero-decimal in ISO, are sent in two decimals by Stripe (ISK 500 is 50000); three-decimal currencies (BHD, JOD,
 * KWD, OMR, TND) are sent in three decimals whose last digit must be 0, so KWD 5.125 is refused before calling
 * Stripe. Lower-case ISO codes, as Stripe writes them.
 */
public final class StripeAmounts {
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    static final Set<String> ISO_ZERO_SENT_AS_TWO = Set.of("ISK", "UGX");

    private StripeAmounts() { }

    public static long toStripe(Money m) {
        if (!Currencies.isKnown(m.currency())) throw refused(m, "is not a currency Stripe takes");
        if (ISO_ZERO_SENT_AS_TWO.contains(m.currency())) return Math.multiplyExact(m.minor(), 100L);
        if (THREE_DECIMAL.contains(m.currency()) && m.minor() % 10 != 0) {
            throw refused(m, "must end in 0 in its third decimal for Stripe (it rounds three-decimal currencies to two)");
        }
        return m.minor();
    }

    public static long fromStripe(long stripeAmount, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        return ISO_ZERO_SENT_AS_TWO.contains(code) ? stripeAmount / 100 : stripeAmount;
    }

    public static String currency(Money m) { return m.currency().toLowerCase(Locale.ROOT); }

    private static DomainException refused(Money m, String why) {
        return DomainException.unprocessable("payment.amount_not_supported", m.currency() + " " + m.minor() + " " + why,
                "Use an amount Stripe accepts in this currency.").with("currency", m.currency());
    }
}
