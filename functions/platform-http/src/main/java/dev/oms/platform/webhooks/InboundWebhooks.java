package dev.oms.platform.webhooks;

import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an inbound webhook before anything else looks at it: the tenant named by {@code X-Tenant-ID}, a Standard
 * Webhooks signature made with that tenant's secret for the source, and a {@code webhook-timestamp} within five
 * minutes of now (so a captured message cannot be replayed later). Every failure is a 401 that says no more than
 * needed: a tenant without a secret looks like a bad signature.
 */
public final class InboundWebhooks {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    public static final int MAX_MESSAGE_ID = 255;
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A message that passed: whose it is, where from, and the sender's id for it (what duplicates share). */
    public record Verified(String tenantId, String source, String messageId) { }

    /** The secret a tenant's source signs with ({@link dev.oms.platform.dynamo.DynamoInboundSecrets#get}). */
    @FunctionalInterface
    public interface Secrets {
        Optional<String> of(String tenantId, String source);
    }

    private final Secrets secrets;
    private final Clock clock;

    public InboundWebhooks(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public Verified verify(ApiRequest request, String source) {
        String tenant = request.header("x-tenant-id");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw signatureInvalid("Send X-Tenant-ID: the tenant whose " + source + " secret signed the message");
        }
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signature = request.header("webhook-signature");
        if (id == null || id.isBlank() || id.length() > MAX_MESSAGE_ID || timestamp == null || signature == null) {
            throw signatureInvalid("Send the webhook-id (at most " + MAX_MESSAGE_ID + " characters), webhook-timestamp and webhook-signature headers");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw signatureInvalid("webhook-timestamp must be the time of sending in epoch seconds");
        }
        String body = request.body() == null ? "" : request.body();
        boolean valid = secrets.of(tenant, source).map(secret -> WebhookSignature.verify(secret, id, seconds, body, signature)).orElse(false);
        if (!valid) throw signatureInvalid("The signature does not match the tenant's " + source + " secret");
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > TOLERANCE.getSeconds()) {
            throw new ApiProblem(401, "webhook.timestamp_stale", "webhook-timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now",
                    "Send messages as they happen, with the current time, and check the sender's clock.");
        }
        return new Verified(tenant, source, id);
    }

    private static ApiProblem signatureInvalid(String detail) {
        return new ApiProblem(401, "webhook.signature_invalid", detail,
                "Sign the raw body with the tenant's secret for this source as Standard Webhooks describes (webhook-id, webhook-timestamp, webhook-signature).");
    }
}
