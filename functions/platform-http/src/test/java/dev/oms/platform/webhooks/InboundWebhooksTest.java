package dev.oms.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundWebhooksTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final String SECRET = WebhookSignature.newSecret();
    static final String BODY = "{\"type\":\"payment.captured\",\"data\":{}}";

    final Map<String, String> secrets = new HashMap<>(Map.of("acme/payment", SECRET));
    final InboundWebhooks inbound = new InboundWebhooks((t, s) -> Optional.ofNullable(secrets.get(t + "/" + s)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static ApiRequest request(Map<String, String> headers, String body) {
        return new ApiRequest("POST", "POST /v1/orders/webhook/payment", "/v1/orders/webhook/payment", "", Map.of(), Map.of(),
                headers, body, "req-1", null, "Missing bearer token");
    }

    static Map<String, String> signed(String tenant, String id, long timestamp, String secret, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (tenant != null) h.put("x-tenant-id", tenant);
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(timestamp));
        h.put("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body));
        return h;
    }

    String refusal(Map<String, String> headers, String body) {
        return catchThrowableOfType(ApiProblem.class, () -> inbound.verify(request(headers, body), "payment")).code();
    }

    @Test
    void aSignedFreshMessagePasses() {
        InboundWebhooks.Verified v = inbound.verify(request(signed("acme", "evt_77", NOW.getEpochSecond(), SECRET, BODY), BODY), "payment");
        assertThat(v).isEqualTo(new InboundWebhooks.Verified("acme", "payment", "evt_77"));
        assertThat(inbound.verify(request(signed("acme", "evt_78", NOW.getEpochSecond() - 299, SECRET, BODY), BODY), "payment").messageId())
                .isEqualTo("evt_78");
    }

    @Test
    void badOrMissingSignaturesAre401SignatureInvalid() {
        long now = NOW.getEpochSecond();
        assertThat(refusal(signed("acme", "evt_1", now, WebhookSignature.newSecret(), BODY), BODY)).isEqualTo("webhook.signature_invalid");
        assertThat(refusal(signed("acme", "evt_1", now, SECRET, BODY), BODY + " ")).isEqualTo("webhook.signature_invalid");
        assertThat(refusal(signed("other", "evt_1", now, SECRET, BODY), BODY)).as("a tenant without a secret").isEqualTo("webhook.signature_invalid");
        assertThat(refusal(signed(null, "evt_1", now, SECRET, BODY), BODY)).isEqualTo("webhook.signature_invalid");
        assertThat(refusal(signed("bad#tenant", "evt_1", now, SECRET, BODY), BODY)).isEqualTo("webhook.signature_invalid");
        Map<String, String> noSignature = signed("acme", "evt_1", now, SECRET, BODY);
        noSignature.remove("webhook-signature");
        assertThat(refusal(noSignature, BODY)).isEqualTo("webhook.signature_invalid");
        Map<String, String> badTime = signed("acme", "evt_1", now, SECRET, BODY);
        badTime.put("webhook-timestamp", "yesterday");
        assertThat(refusal(badTime, BODY)).isEqualTo("webhook.signature_invalid");
        assertThat(catchThrowableOfType(ApiProblem.class, () -> inbound.verify(request(badTime, BODY), "payment")).status()).isEqualTo(401);
    }

    @Test
    void aSourceSignsWithItsOwnSecret() {
        ApiProblem p = catchThrowableOfType(ApiProblem.class,
                () -> inbound.verify(request(signed("acme", "evt_1", NOW.getEpochSecond(), SECRET, BODY), BODY), "invoice"));
        assertThat(p.code()).isEqualTo("webhook.signature_invalid");
    }

    @Test
    void timestampsMoreThanFiveMinutesAwayAreStale() {
        assertThat(refusal(signed("acme", "evt_1", NOW.getEpochSecond() - 301, SECRET, BODY), BODY)).isEqualTo("webhook.timestamp_stale");
        assertThat(refusal(signed("acme", "evt_1", NOW.getEpochSecond() + 301, SECRET, BODY), BODY)).isEqualTo("webhook.timestamp_stale");
    }
}
