package dev.oms.platform.webhooks;

import dev.oms.app.port.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends webhook messages over HTTP: checks the URL again (DNS may have changed since the subscription was made; the
 * JVM caches the answer, so the connection goes to the address just checked), signs the body with the Standard Webhooks
 * headers and POSTs it, without following redirects. Connect timeout 5 s, answer timeout 10 s; only the status of the
 * answer is read (its body is closed unread, so a slow or huge body cannot hold a delivery up). One HTTP client per
 * container.
 */
public final class HttpWebhookSender implements WebhookSender {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    public static final String USER_AGENT = "oms-webhooks/1";

    /** Built on first use (functions that never send one do not pay for it at cold start). */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private final WebhookUrlGuard guard;
    private final Clock clock;

    public HttpWebhookSender(WebhookUrlGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Result send(String url, String messageId, String payload, List<String> secrets) {
        Optional<WebhookUrlGuard.Rejection> refused = guard.check(url);
        if (refused.isPresent()) return new Result(0, 0, refused.get().toString());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(READ_TIMEOUT)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, messageId, timestamp, payload))
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = Shared.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            response.body().close();
            int status = response.statusCode();
            return new Result(status, millis, status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return failure(started, "timed out (" + e.getMessage() + ")");
        } catch (ConnectException e) {
            return failure(started, "could not connect" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IOException e) {
            return failure(started, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(started, "interrupted");
        }
    }

    private static Result failure(long started, String error) {
        return new Result(0, (System.nanoTime() - started) / 1_000_000, error);
    }
}
