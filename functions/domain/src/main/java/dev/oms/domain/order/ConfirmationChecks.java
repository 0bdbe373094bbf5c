package dev.oms.domain.order;

import java.util.List;
import java.util.Map;

/**
 * What the connectors said when an order asked to be confirmed: payment authorization, inventory availability and
 * fraud screening, and whether the tenant allows payment terms for the order's customer or channel
 * ({@code termsAllowed}). The order decides what they mean ({@link Order#confirm}).
 */
public record ConfirmationChecks(PaymentCheck payment, List<String> unavailableSkus, FraudCheck fraud, boolean termsAllowed) {

    /** Checks of an order the tenant allows no payment terms for. */
    public ConfirmationChecks(PaymentCheck payment, List<String> unavailableSkus, FraudCheck fraud) {
        this(payment, unavailableSkus, fraud, false);
    }

    public enum PaymentOutcome { AUTHORIZED, PENDING, DECLINED, MISSING }

    public enum FraudOutcome { APPROVE, REVIEW, REJECT }

    /** {@code authorizedMinor}: authorized or captured amount in the order currency. */
    public record PaymentCheck(PaymentOutcome outcome, long authorizedMinor, Map<String, String> statusByPayment) { }

    public record FraudCheck(FraudOutcome outcome, int score, List<String> reasons) { }
}
