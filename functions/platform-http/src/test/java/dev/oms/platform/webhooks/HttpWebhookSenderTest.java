package dev.oms.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.oms.app.port.WebhookSender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpWebhookSenderTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    HttpServer server;
    final AtomicInteger status = new AtomicInteger(204);
    final Map<String, String> received = new ConcurrentHashMap<>();
    final HttpWebhookSender sender = new HttpWebhookSender(new WebhookUrlGuard(WebhookUrlGuard.DNS, true), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestHeaders().forEach((k, v) -> received.put(k.toLowerCase(), String.join(",", v)));
            received.put("method", ex.getRequestMethod());
            received.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (ex.getRequestURI().getPath().equals("/moved")) ex.getResponseHeaders().add("location", "http://127.0.0.1:1/elsewhere");
            byte[] answer = "a body nobody reads".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), status.get() == 204 ? -1 : answer.length);
            if (status.get() != 204) ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    @Test
    void postsTheBodyWithTheStandardWebhooksHeaders() {
        String secret = WebhookSignature.newSecret();
        String body = "{\"id\":\"evt_1\",\"type\":\"order.created\"}";

        WebhookSender.Result r = sender.send(url("/hooks"), "dlv_1", body, List.of(secret));

        assertThat(r.isSuccess()).isTrue();
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.error()).isNull();
        assertThat(received).containsEntry("method", "POST").containsEntry("body", body)
                .containsEntry("webhook-id", "dlv_1").containsEntry("webhook-timestamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry("content-type", "application/json").containsEntry("user-agent", "oms-webhooks/1");
        assertThat(WebhookSignature.verify(secret, "dlv_1", NOW.getEpochSecond(), body, received.get("webhook-signature"))).isTrue();
    }

    @Test
    void signsWithEverySecretGiven() {
        String current = WebhookSignature.newSecret(), previous = WebhookSignature.newSecret();
        sender.send(url("/hooks"), "dlv_1", "{}", List.of(current, previous));
        assertThat(received.get("webhook-signature").split(" ")).hasSize(2);
        assertThat(WebhookSignature.verify(previous, "dlv_1", NOW.getEpochSecond(), "{}", received.get("webhook-signature"))).isTrue();
    }

    @Test
    void errorAnswersAndRedirectsAreFailuresWithTheirStatus() {
        status.set(500);
        WebhookSender.Result r = sender.send(url("/hooks"), "dlv_1", "{}", List.of(WebhookSignature.newSecret()));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.error()).isEqualTo("HTTP 500");
        status.set(302);
        assertThat(sender.send(url("/moved"), "dlv_1", "{}", List.of(WebhookSignature.newSecret())).statusCode())
                .as("redirects are not followed").isEqualTo(302);
        status.set(410);
        assertThat(sender.send(url("/hooks"), "dlv_1", "{}", List.of(WebhookSignature.newSecret())).statusCode()).isEqualTo(410);
    }

    @Test
    void noAnswerIsStatusZeroWithTheReason() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { closed = s.getLocalPort(); }
        WebhookSender.Result r = sender.send("http://127.0.0.1:" + closed + "/x", "dlv_1", "{}", List.of(WebhookSignature.newSecret()));
        assertThat(r.statusCode()).isZero();
        assertThat(r.statusOrNull()).isNull();
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void aUrlTheGuardRefusesIsNotCalled() {
        HttpWebhookSender strict = new HttpWebhookSender(new WebhookUrlGuard(WebhookUrlGuard.DNS, false), Clock.systemUTC());
        WebhookSender.Result r = strict.send(url("/hooks"), "dlv_1", "{}", List.of(WebhookSignature.newSecret()));
        assertThat(r.statusCode()).isZero();
        assertThat(r.error()).startsWith("url.not_https");
        assertThat(received).isEmpty();
        assertThat(strict.send("https://127.0.0.1/hooks", "dlv_1", "{}", List.of(WebhookSignature.newSecret())).error()).startsWith("url.not_public");
    }
}
