package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.registry.ConnectorHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one tenant's adapter (kept per container): {@value #FAILURES} failures in a row open it; while
 * open, calls fail at once; after {@link #OPEN_FOR} one call is let through (half open) and its outcome closes or
 * opens it again.
 */
final class CircuitBreaker {
    static final int FAILURES = 5;
    static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final Clock clock;
    private int failuresInARow;
    private Instant openedAt;
    private boolean trial;

    CircuitBreaker(Clock clock) { this.clock = clock; }

    /** Whether a call may go out now; answers false while open. */
    synchronized boolean allow() {
        if (openedAt == null) return true;
        if (!trial && clock.instant().isAfter(openedAt.plus(OPEN_FOR))) {
            trial = true;
            return true;
        }
        return false;
    }

    /** Records an outcome; answers the new state when it changed, else null. */
    synchronized String record(boolean failed) {
        String before = state();
        if (failed) {
            failuresInARow++;
            if (trial || failuresInARow >= FAILURES) openedAt = clock.instant();
        } else {
            failuresInARow = 0;
            openedAt = null;
        }
        trial = false;
        String after = state();
        return after.equals(before) ? null : after;
    }

    synchronized String state() {
        if (openedAt == null) return ConnectorHealth.CLOSED;
        return trial ? ConnectorHealth.HALF_OPEN : ConnectorHealth.OPEN;
    }
}
