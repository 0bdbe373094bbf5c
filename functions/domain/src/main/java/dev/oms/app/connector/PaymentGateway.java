package dev.oms.app.connector;

import dev.oms.domain.money.Money;

/**
 * The payment service, seen from the OMS: it holds payments; the OMS only references them by id. Operations that
 * move money take an idempotency key, so a retried saga step never voids or refunds twice.
 */
public interface PaymentGateway {

    /** The current state of a payment, or {@code NOT_FOUND}. Throws {@link ConnectorException} when unreachable. */
    PaymentStatus status(String tenantId, String paymentId);

    /**
     * The order the checkout named on the payment (its merchant reference: Stripe's {@code metadata.order_id}), for news
     * that names only the payment (a dispute); empty when the service keeps none or does not know the payment.
     */
    java.util.Optional<String> orderReference(String tenantId, String paymentId);

    /** Releases (part of) an authorization that was not captured. */
    Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey);

    /** Captures (part of) an authorization; partial captures leave the rest authorized. */
    Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey);

    /** Gives back (part of) a captured amount to the original payment method. */
    Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey);

    enum State { PENDING, AUTHORIZED, CAPTURED, DECLINED, VOIDED, REFUNDED, NOT_FOUND }

    /**
     * {@code amount}: the authorized amount; {@code captured}, {@code refunded} and {@code voided} what has been
     * captured, refunded and released of it so far (zero when unknown).
     */
    record PaymentStatus(String paymentId, State state, Money amount, long captured, long refunded, long voided) {
        public PaymentStatus(String paymentId, State state, Money amount) { this(paymentId, state, amount, 0, 0, 0); }

        /** What is authorized and neither captured nor released. */
        public long openAuthorization() { return amount == null ? 0 : amount.minor() - captured - voided; }
    }

    /** The result of a void or refund: the payment service's id for it and the amount it moved. */
    record Operation(String id, String paymentId, String kind, Money amount) { }
}
