package dev.oms.platform.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.money.Money;
import dev.oms.platform.crypto.HmacSha256;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe's webhooks: the {@code Stripe-Signature} header ({@code t=<time>,v1=<hex HMAC-SHA256 of "t.body">}) checked
 * with the tenant's endpoint signing secret ({@code whsec_...}) within {@link #TOLERANCE_SECONDS}, then the event read
 * as an OMS payment postback: which payment, which order ({@code metadata.order_id} the checkout set on the
 * PaymentIntent, or on the charge), what happened and for how much. A dispute ({@code charge.dispute.*}) names only
 * its PaymentIntent: its order is looked up on the intent ({@link Event#orderLookup}).
 *
 * <p>The signature check is Stripe's documented scheme, written here rather than taken from stripe-java, so that the
 * function that receives the webhook does not carry the 14 MiB SDK (payment calls go through the payments relay);
 * {@code StripeWebhooksTest} checks it against stripe-java's own {@code Webhook.Signature} on the same inputs.
 * Like stripe-java: any {@code v1} signature may match (Stripe sends two while a secret is rolled), and the
 * timestamp is checked after the signature.
 */
public final class StripeWebhooks {
    public static final long TOLERANCE_SECONDS = 300;

    /** Stripe's event types and the payment postback each means. */
    public static final Map<String, String> POSTBACK_TYPES = Map.of(
            "payment_intent.amount_capturable_updated", "payment.authorized",
            "payment_intent.succeeded", "payment.captured",
            "payment_intent.canceled", "payment.voided",
            "payment_intent.payment_failed", "payment.declined",
            "charge.refunded", "payment.refunded",
            "charge.dispute.created", "payment.disputed",
            "charge.dispute.funds_withdrawn", "payment.disputed",
            "charge.dispute.funds_reinstated", "payment.captured");

    /** {@code charge.dispute.closed} by the dispute's {@code status}: won (or a closed inquiry) keeps the money, lost does not. */
    static final Map<String, String> CLOSED_DISPUTE = Map.of("won", "payment.captured", "warning_closed", "payment.captured", "lost", "payment.disputed");

    private StripeWebhooks() { }

    /**
     * An event: its id (de-duplication), its type, and the postback it means (null fields when it means none);
     * {@code orderLookup}: the event does not name the order (a dispute), so it is the PaymentIntent's.
     */
    public record Event(String id, String type, String postbackType, String paymentId, String orderId, Money amount, boolean orderLookup) { }

    /** Verifies the signature (401 {@code webhook.signature_invalid} / {@code webhook.timestamp_stale}) and reads the event. */
    public static Event verify(String payload, String signatureHeader, String secret, Clock clock) {
        if (signatureHeader == null || payload == null) throw invalid();
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String item : signatureHeader.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) continue;
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException notANumber) {
                    timestamp = -1;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp <= 0 || signatures.isEmpty()) throw invalid();
        byte[] expected = hmacSha256(secret, timestamp + "." + payload).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String s : signatures) matched |= MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.UTF_8));
        if (!matched) throw invalid();
        if (timestamp < clock.millis() / 1000 - TOLERANCE_SECONDS) {
            throw new ApiProblem(401, "webhook.timestamp_stale", "The Stripe-Signature timestamp is more than 5 minutes from now",
                    "Stripe retries with a fresh signature; check the clock of whatever replays the message.");
        }
        JsonNode e;
        try {
            e = Json.parse(payload);
        } catch (Exception malformed) {
            throw new ApiProblem(400, "request.malformed_json", "The event is not JSON", "Send the event as Stripe sends it.");
        }
        String type = e.path("type").asText(null);
        JsonNode object = e.path("data").path("object");
        boolean dispute = "dispute".equals(object.path("object").asText());
        String postback = "charge.dispute.closed".equals(type) ? CLOSED_DISPUTE.get(object.path("status").asText()) : POSTBACK_TYPES.get(type);
        if (postback == null) return new Event(e.path("id").asText(null), type, null, null, null, null, false);
        boolean byIntent = dispute || "charge".equals(object.path("object").asText());
        String paymentId = byIntent ? object.path("payment_intent").asText(null) : object.path("id").asText(null);
        String orderId = object.path("metadata").path("order_id").asText(null);
        String currency = object.path("currency").asText("").toUpperCase(Locale.ROOT);
        String amountField = switch (postback) {
            case "payment.captured" -> dispute ? null : "amount_received"; // a dispute's amount is what was disputed, not captured
            case "payment.refunded" -> "amount_refunded";
            default -> "amount";
        };
        Money amount = amountField != null && object.has(amountField) && !currency.isEmpty()
                ? Money.of(StripeAmounts.fromStripe(object.path(amountField).asLong(), currency), currency) : null;
        return new Event(e.path("id").asText(null), type, postback, paymentId, orderId, amount, dispute && orderId == null);
    }

    /** Hex HMAC-SHA256 of {@code message} under {@code secret}: Stripe's {@code v1} signature. */
    static String hmacSha256(String secret, String message) {
        return HexFormat.of().formatHex(HmacSha256.of(secret.getBytes(StandardCharsets.UTF_8), message));
    }

    private static ApiProblem invalid() {
        return new ApiProblem(401, "webhook.signature_invalid", "The Stripe-Signature is missing or wrong",
                "Register this URL in Stripe and store its signing secret in the tenant's payments connector (webhook_secret).");
    }
}
