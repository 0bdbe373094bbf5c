package dev.oms.platform.connectors.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.platform.observability.ConnectorCallContext;
import java.util.Locale;

/**
 * Payments through Stripe: a payment reference is a PaymentIntent ({@code pi_...}) authorized with manual capture.
 * Its state and amounts come from the intent (and its latest charge for refunds); capture sends
 * {@code amount_to_capture}, a void cancels the intent, a refund creates a Refund, each with a Stripe
 * {@code Idempotency-Key} derived from the OMS operation's key, so a retry can never move money twice. Stripe's
 * refusals (a decline, an amount it will not take, a reused key with other parameters) are
 * {@code payment.operation_refused}; no answer, 5xx or 429 are {@link ConnectorException}s (the SDK retries
 * those itself first, with the same key, honouring Stripe's {@code Stripe-Should-Retry}).
 */
public final class StripePayments implements PaymentGateway {
    private final StripeClient stripe;
    private final boolean multicapture;

    public StripePayments(StripeClient stripe, boolean multicapture) {
        this.stripe = stripe;
        this.multicapture = multicapture;
    }

    /** The Stripe idempotency key of an OMS operation: stable per operation, within Stripe's 255 characters. */
    static String key(String operation, String omsKey) {
        String k = "oms-" + operation + "-" + omsKey;
        return k.length() <= 255 ? k : "oms-" + operation + "-" + Integer.toHexString(omsKey.hashCode()) + "-" + omsKey.substring(omsKey.length() - 200);
    }

    @Override
    public PaymentStatus status(String tenantId, String paymentId) {
        try {
            PaymentIntent pi = stripe.paymentIntents().retrieve(paymentId,
                    PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(), RequestOptions.getDefault());
            remember(pi.getLastResponse() == null ? null : pi.getLastResponse().requestId());
            return status(pi);
        } catch (InvalidRequestException e) {
            remember(e.getRequestId());
            if (Integer.valueOf(404).equals(e.getStatusCode())) return new PaymentStatus(paymentId, State.NOT_FOUND, null);
            throw translate("status", e);
        } catch (StripeException e) {
            throw failure("status", e);
        }
    }

    /** The PaymentIntent's {@code metadata.order_id} (the checkout sets it); empty for an intent Stripe does not know. */
    @Override
    public java.util.Optional<String> orderReference(String tenantId, String paymentId) {
        try {
            PaymentIntent pi = stripe.paymentIntents().retrieve(paymentId, PaymentIntentRetrieveParams.builder().build(), RequestOptions.getDefault());
            remember(pi.getLastResponse() == null ? null : pi.getLastResponse().requestId());
            String order = pi.getMetadata() == null ? null : pi.getMetadata().get("order_id");
            return order == null || order.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(order);
        } catch (InvalidRequestException e) {
            remember(e.getRequestId());
            if (Integer.valueOf(404).equals(e.getStatusCode())) return java.util.Optional.empty();
            throw translate("order_reference", e);
        } catch (StripeException e) {
            throw failure("order_reference", e);
        }
    }

    static PaymentStatus status(PaymentIntent pi) {
        String currency = pi.getCurrency().toUpperCase(Locale.ROOT);
        long amount = StripeAmounts.fromStripe(pi.getAmount(), currency);
        long received = pi.getAmountReceived() == null ? 0 : StripeAmounts.fromStripe(pi.getAmountReceived(), currency);
        Charge charge = pi.getLatestChargeObject();
        long refunded = charge == null || charge.getAmountRefunded() == null ? 0 : StripeAmounts.fromStripe(charge.getAmountRefunded(), currency);
        State state;
        long voided = 0;
        switch (pi.getStatus()) {
            case "requires_capture" -> state = State.AUTHORIZED;
            case "succeeded" -> {
                voided = amount - received; // a final partial capture releases the rest
                state = received > 0 && refunded >= received ? State.REFUNDED : State.CAPTURED;
            }
            case "canceled" -> {
                voided = amount - received;
                state = received == 0 ? State.VOIDED : refunded >= received ? State.REFUNDED : State.CAPTURED;
            }
            case "requires_payment_method" -> state = pi.getLastPaymentError() != null ? State.DECLINED : State.PENDING;
            default -> state = State.PENDING; // requires_confirmation, requires_action, processing
        }
        return new PaymentStatus(pi.getId(), state, Money.of(amount, currency), received, refunded, voided);
    }

    @Override
    public Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        long stripeAmount = StripeAmounts.toStripe(amount);
        var params = PaymentIntentCaptureParams.builder().setAmountToCapture(stripeAmount);
        if (multicapture) params.setFinalCapture(false);
        try {
            PaymentIntent pi = stripe.paymentIntents().capture(paymentId, params.build(), options("capture", idempotencyKey));
            remember(pi.getLastResponse() == null ? null : pi.getLastResponse().requestId());
            String chargeId = pi.getLatestCharge() == null ? pi.getId() : pi.getLatestCharge();
            return new Operation(chargeId, paymentId, "capture", amount);
        } catch (StripeException e) {
            throw translate("capture", e);
        }
    }

    /**
     * Cancels the PaymentIntent, which releases all of its authorization: Stripe cannot release a part. A void of
     * less than what is open is refused ({@code payment.operation_refused}); capture less instead.
     */
    @Override
    public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        PaymentStatus current = status(tenantId, paymentId);
        if (current.state() == State.VOIDED) return new Operation(paymentId, paymentId, "void", amount);
        if (amount.minor() < current.openAuthorization()) {
            throw DomainException.unprocessable("payment.operation_refused",
                    "Stripe cannot release part of an authorization (" + amount.minor() + " of " + current.openAuthorization() + " open)",
                    "Capture the amount the order still needs; the rest is released with the capture.");
        }
        try {
            PaymentIntent pi = stripe.paymentIntents().cancel(paymentId, PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER).build(),
                    options("void", idempotencyKey));
            remember(pi.getLastResponse() == null ? null : pi.getLastResponse().requestId());
            return new Operation(pi.getId(), paymentId, "void", amount);
        } catch (StripeException e) {
            throw translate("void", e);
        }
    }

    @Override
    public Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        long stripeAmount = StripeAmounts.toStripe(amount);
        try {
            Refund r = stripe.refunds().create(RefundCreateParams.builder().setPaymentIntent(paymentId).setAmount(stripeAmount).build(),
                    options("refund", idempotencyKey));
            remember(r.getLastResponse() == null ? null : r.getLastResponse().requestId());
            if ("failed".equals(r.getStatus()) || "canceled".equals(r.getStatus())) {
                throw DomainException.unprocessable("payment.operation_refused", "Stripe refused the refund (" + r.getFailureReason() + ")",
                        "Check the payment in Stripe.");
            }
            return new Operation(r.getId(), paymentId, "refund", amount);
        } catch (StripeException e) {
            throw translate("refund", e);
        }
    }

    private static RequestOptions options(String operation, String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(key(operation, idempotencyKey)).build();
    }

    private static void remember(String requestId) {
        if (requestId != null) ConnectorCallContext.vendorRequestId(requestId);
    }

    private static RuntimeException translate(String operation, StripeException e) {
        remember(e.getRequestId());
        Integer status = e.getStatusCode();
        boolean outage = status != null && (status == 429 || status >= 500); // RateLimitException is an InvalidRequestException
        if (!outage && (e instanceof CardException || e instanceof InvalidRequestException || e instanceof IdempotencyException)) return refused(operation, e);
        return failure(operation, e);
    }

    private static DomainException refused(String operation, StripeException e) {
        String code = e.getCode() == null ? (e.getStripeError() == null ? null : e.getStripeError().getType()) : e.getCode();
        return DomainException.unprocessable("payment.operation_refused",
                "Stripe refused the " + operation + (code == null ? "" : " (" + code + ")") + ": " + (e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage() : "refused"),
                "Check the payment in Stripe.").with("vendor_code", code == null ? "unknown" : code);
    }

    private static ConnectorException failure(String operation, StripeException e) {
        remember(e.getRequestId());
        String what = e instanceof ApiConnectionException ? "no answer" : "HTTP " + e.getStatusCode();
        return new ConnectorException("payments", operation, "Stripe: " + what);
    }
}
