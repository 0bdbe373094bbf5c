package dev.oms.domain.webhook;

import static dev.oms.DomainAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    static WebhookDelivery fresh() {
        return WebhookDelivery.create("t1", "wh_01HWEBHOOK", "evt_01HEVENT", "order.created", "ord_1", "{}", NOW);
    }

    @Test
    void theIdDerivesFromTheEventAndTheSubscription() {
        assertThat(WebhookDelivery.idFor("wh_01HWEBHOOK", "evt_01HEVENT")).isEqualTo("dlv_01HEVENT_01HWEBHOOK");
        assertThat(fresh().id()).isEqualTo("dlv_01HEVENT_01HWEBHOOK");
        assertThat(fresh().state()).isEqualTo(WebhookDelivery.PENDING);
        assertThat(fresh().isUntried()).isTrue();
    }

    @Test
    void backOffDoublesFromThirtySecondsUpToTwelveHours() {
        List<Long> seconds = new ArrayList<>();
        for (int attempt = 1; attempt <= 15; attempt++) seconds.add(WebhookDelivery.backoff(attempt).getSeconds());
        assertThat(seconds).containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3840L, 7680L, 15360L, 30720L,
                43200L, 43200L, 43200L, 43200L);
        assertThat(WebhookDelivery.backoff(100)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void sixteenAttemptsSpanAboutThreeDays() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < WebhookDelivery.MAX_ATTEMPTS; attempt++) total = total.plus(WebhookDelivery.backoff(attempt));
        assertThat(total).isBetween(Duration.ofHours(60), Duration.ofHours(72));
    }

    @Test
    void aFailedAttemptIsRetriedUntilTheLastOne() {
        WebhookDelivery d = fresh().failedAttempt(1, 500, "HTTP 500", NOW);
        assertThat(d.state()).isEqualTo(WebhookDelivery.RETRYING);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastStatusCode()).isEqualTo(500);
        assertThat(d.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(d.version()).isEqualTo(2);

        WebhookDelivery last = d.failedAttempt(WebhookDelivery.MAX_ATTEMPTS, null, "timed out", NOW);
        assertThat(last.state()).isEqualTo(WebhookDelivery.FAILED);
        assertThat(last.nextAttemptAt()).isNull();
        assertThat(last.lastStatusCode()).isNull();
        assertThat(last.isSettled()).isTrue();
    }

    @Test
    void deliveredCountsTheAttemptAndClearsTheError() {
        WebhookDelivery d = fresh().failedAttempt(1, 503, "HTTP 503", NOW).delivered(204, NOW.plusSeconds(31));
        assertThat(d.state()).isEqualTo(WebhookDelivery.DELIVERED);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastStatusCode()).isEqualTo(204);
        assertThat(d.lastError()).isNull();
        assertThat(d.deliveredAt()).isEqualTo(NOW.plusSeconds(31));
    }

    @Test
    void onlyASettledDeliveryCanBeQueuedAgain() {
        failsWith(() -> fresh().requeued(NOW), "webhook.delivery_in_progress");
        failsWith(() -> fresh().failedAttempt(1, 500, "x", NOW).requeued(NOW), "webhook.delivery_in_progress");
        WebhookDelivery again = fresh().delivered(200, NOW).requeued(NOW.plusSeconds(60));
        assertThat(again.state()).isEqualTo(WebhookDelivery.PENDING);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.isUntried()).isFalse();
        assertThat(fresh().givenUp(false, null, "the subscription was deleted", NOW).requeued(NOW).state()).isEqualTo(WebhookDelivery.PENDING);
    }
}
