package dev.oms.platform.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.oms.platform.http.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature check, case by case against stripe-java's {@code Webhook.Signature.verifyHeader} on the same inputs. */
class StripeWebhooksTest {
    static final String SECRET = "whsec_test_secret";
    static final long NOW = 1_764_900_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"object\":\"payment_intent\","
            + "\"id\":\"pi_1\",\"amount_received\":4995,\"currency\":\"gbp\",\"metadata\":{\"order_id\":\"ord_1\"}}}}";

    static String sign(long t, String payload, String secret) throws Exception {
        return Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    /** What stripe-java says of a header: null when it accepts, else whether it is about the tolerance. */
    static String stripeJava(String payload, String header) {
        try {
            Webhook.Signature.verifyHeader(payload, header, SECRET, StripeWebhooks.TOLERANCE_SECONDS, CLOCK);
            return null;
        } catch (SignatureVerificationException e) {
            return e.getMessage().toLowerCase().contains("tolerance") ? "webhook.timestamp_stale" : "webhook.signature_invalid";
        } catch (NumberFormatException e) {
            return "webhook.signature_invalid"; // stripe-java throws on "t=abc" (the SDK-based check answered 500 here); a refusal is meant
        }
    }

    static String ours(String payload, String header) {
        try {
            StripeWebhooks.verify(payload, header, SECRET, CLOCK);
            return null;
        } catch (ApiProblem e) {
            return e.code();
        }
    }

    @Test
    void ourCheckAnswersAsStripeJavaDoes() throws Exception {
        String good = sign(NOW - 10, PAYLOAD, SECRET);
        List<String> headers = List.of(
                "t=" + (NOW - 10) + ",v1=" + good,
                "t=" + (NOW - 10) + ",v1=" + sign(NOW - 10, PAYLOAD, "whsec_old") + ",v1=" + good, // a secret being rolled
                "t=" + (NOW - 10) + ",v0=" + good, // another scheme only
                "t=" + (NOW - 10) + ",v1=" + good.toUpperCase(),
                "t=" + (NOW - 11) + ",v1=" + good, // the timestamp is signed
                "t=" + (NOW - 301) + ",v1=" + sign(NOW - 301, PAYLOAD, SECRET), // stale
                "t=" + (NOW + 600) + ",v1=" + sign(NOW + 600, PAYLOAD, SECRET), // ahead: Stripe's check allows it
                "v1=" + good,
                "t=abc,v1=" + good,
                "t=" + (NOW - 10),
                "garbage",
                "");
        for (String h : headers) assertThat(ours(PAYLOAD, h)).as(h).isEqualTo(stripeJava(PAYLOAD, h));
        assertThat(ours(PAYLOAD + " ", headers.get(0))).isEqualTo("webhook.signature_invalid").isEqualTo(stripeJava(PAYLOAD + " ", headers.get(0)));
    }

    @Test
    void aVerifiedEventIsReadAsItsPostback() throws Exception {
        var e = StripeWebhooks.verify(PAYLOAD, "t=" + NOW + ",v1=" + sign(NOW, PAYLOAD, SECRET), SECRET, CLOCK);
        assertThat(e.postbackType()).isEqualTo("payment.captured");
        assertThat(e.paymentId()).isEqualTo("pi_1");
        assertThat(e.orderId()).isEqualTo("ord_1");
        assertThat(e.amount().minor()).isEqualTo(4995);
        assertThatThrownBy(() -> StripeWebhooks.verify(PAYLOAD, null, SECRET, CLOCK)).isInstanceOf(ApiProblem.class);
    }
}
