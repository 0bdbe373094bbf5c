package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.promotion.Promotion;
import java.time.Instant;

/**
 * A promotion in its JSON form, the same for the sandbox's items and the signed-HTTP partner's answers: {@code code},
 * {@code type} ({@code percentage}, {@code fixed_amount}, {@code free_shipping}), {@code percent_bps},
 * {@code amount_off} and {@code minimum_spend} ({@code {amount, currency}} in minor units), {@code starts_at},
 * {@code expires_at} (RFC 3339), {@code usage_limit_per_customer}.
 */
public final class PromotionRules {
    private PromotionRules() { }

    /** The promotion; {@link IllegalArgumentException} (with what is wrong) when the JSON is not one. */
    public static Promotion parse(JsonNode p) {
        try {
            return new Promotion(p.path("code").asText(null), Promotion.Type.parse(p.path("type").asText("")),
                    p.hasNonNull("percent_bps") ? integer(p.get("percent_bps")) : null, money(p.get("amount_off")), money(p.get("minimum_spend")),
                    instant(p.get("starts_at")), instant(p.get("expires_at")),
                    p.hasNonNull("usage_limit_per_customer") ? integer(p.get("usage_limit_per_customer")) : null);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not a promotion: " + e.getMessage());
        }
    }

    private static int integer(JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new IllegalArgumentException("not a whole number: " + n);
        return n.intValue();
    }

    private static Money money(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.path("amount").isIntegralNumber() || !n.path("currency").isTextual()) throw new IllegalArgumentException("money is {amount, currency} in minor units");
        if (!dev.oms.domain.money.Currencies.isKnown(n.path("currency").asText())) throw new IllegalArgumentException("unknown currency " + n.path("currency").asText());
        return Money.of(n.path("amount").longValue(), n.path("currency").asText());
    }

    private static Instant instant(JsonNode n) { return n == null || n.isNull() ? null : Instant.parse(n.asText()); }
}
