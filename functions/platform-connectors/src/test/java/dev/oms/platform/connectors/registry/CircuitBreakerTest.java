package dev.oms.platform.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void opensAfterFiveFailuresInARowLetsOneTrialThroughAndClosesOnSuccess() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = new CircuitBreaker(clock);
        for (int i = 0; i < 4; i++) {
            assertThat(b.allow()).isTrue();
            assertThat(b.record(true)).isNull();
        }
        assertThat(b.record(false)).as("a success resets the count").isNull();
        for (int i = 0; i < 4; i++) b.record(true);
        assertThat(b.record(true)).isEqualTo("open");
        assertThat(b.allow()).isFalse();
        clock.now = clock.now.plus(CircuitBreaker.OPEN_FOR).plusSeconds(1);
        assertThat(b.allow()).as("the trial").isTrue();
        assertThat(b.state()).isEqualTo("half_open");
        assertThat(b.allow()).as("only one trial").isFalse();
        assertThat(b.record(true)).as("a failed trial opens it again").isEqualTo("open");
        assertThat(b.allow()).isFalse();
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        assertThat(b.allow()).isTrue();
        assertThat(b.record(false)).isEqualTo("closed");
        assertThat(b.allow()).isTrue();
    }
}
