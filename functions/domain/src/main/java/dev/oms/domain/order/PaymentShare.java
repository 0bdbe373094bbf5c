package dev.oms.domain.order;

/** The part of a refund one payment gives back, and the payment service's id for that refund once it moved. */
public record PaymentShare(String paymentId, long amount, String operationId) {
    public PaymentShare done(String operation) { return new PaymentShare(paymentId, amount, operation); }

    public boolean isDone() { return operationId != null; }
}
