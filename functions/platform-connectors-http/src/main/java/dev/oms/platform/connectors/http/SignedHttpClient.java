package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.DomainException;
import dev.oms.platform.observability.ConnectorCallContext;
import dev.oms.platform.json.Json;
import dev.oms.platform.webhooks.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OMS's side of the signed-HTTP connector contract (docs/connectors/signed-http.openapi.yaml): JSON over HTTPS,
 * every request signed with the Standard Webhooks scheme ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}) with the tenant's secret; every write
 * carries an {@code Idempotency-Key} (also its {@code webhook-id}) that stays the same across retries; a time-out per
 * request; retries of connection failures, 408, 429 and 5xx with full-jitter exponential back-off (honouring
 * {@code Retry-After} up to {@link #MAX_BACKOFF}). A 4xx answer is the partner's refusal (its problem {@code code}).
 */
public final class SignedHttpClient {
    static final Duration BASE_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final HttpClient http;
    private final String baseUrl;
    private final String secret;
    private final Duration timeout;
    private final int maxAttempts;
    private final Clock clock;
    private final String port;

    public SignedHttpClient(String port, String baseUrl, String secret, Duration timeout, int maxAttempts, Clock clock) {
        this.port = port;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.secret = secret;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs {@code body} to {@code path}; {@code idempotencyKey} null for reads (a fresh message id each attempt). */
    public JsonNode post(String operation, String path, JsonNode body, String idempotencyKey) {
        String payload = Json.write(body);
        String failure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String messageId = idempotencyKey != null ? idempotencyKey : "msg_" + UUID.randomUUID();
            long ts = clock.instant().getEpochSecond();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                    .header("content-type", "application/json").header("user-agent", "oms-connector/1")
                    .header("webhook-id", messageId).header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", WebhookSignature.header(List.of(secret), messageId, ts, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload));
            if (idempotencyKey != null) b.header("idempotency-key", idempotencyKey);
            Duration wait = null;
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                r.headers().firstValue("x-request-id").ifPresent(ConnectorCallContext::vendorRequestId);
                int status = r.statusCode();
                if (status >= 200 && status < 300) return r.body().isEmpty() ? Json.object() : Json.parse(r.body());
                if (status == 401 || status == 403) {
                    // the partner does not accept our signature: a configuration problem, not worth retrying
                    throw new ConnectorException(port, operation, "the partner refused the signature (HTTP " + status + "); check signing_secret");
                }
                if (status == 408 || status == 429 || status >= 500) {
                    failure = "HTTP " + status;
                    wait = r.headers().firstValue("retry-after").map(SignedHttpClient::seconds).orElse(null);
                } else {
                    JsonNode problem = parse(r.body());
                    String code = problem.path("code").asText("partner.refused");
                    throw new DomainException(DomainException.Kind.UNPROCESSABLE, "connector.refused",
                            port + " " + operation + " refused by the partner (" + code + "): " + problem.path("detail").asText("HTTP " + status),
                            "Check the request against the partner's answer.", java.util.Map.of("vendor_code", code), List.of());
                }
            } catch (java.net.http.HttpTimeoutException e) {
                failure = "timed out after " + timeout.toMillis() + " ms";
            } catch (java.io.IOException e) {
                failure = "no answer (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(port, operation, "interrupted");
            }
            if (attempt < maxAttempts) sleep(wait != null ? min(wait, MAX_BACKOFF) : jitter(attempt));
        }
        throw new ConnectorException(port, operation, "the partner did not answer: " + failure);
    }

    /** Full jitter: a random wait between 0 and min(cap, base x 2^attempt). */
    static Duration jitter(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private static Duration seconds(String v) {
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) < 0 ? a : b; }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            return Json.object();
        }
    }
}
