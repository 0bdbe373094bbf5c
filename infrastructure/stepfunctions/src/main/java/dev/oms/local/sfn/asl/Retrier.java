package dev.oms.local.sfn.asl;

import java.time.Duration;
import java.util.List;

/**
 * One element of a state's {@code Retry} array. Jitter is parsed but not applied locally, so that delays are
 * predictable in tests: {@code IntervalSeconds * BackoffRate^attempt}, capped by {@code MaxDelaySeconds}.
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, String jitterStrategy) {
    public static final int DEFAULT_INTERVAL_SECONDS = 1;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final double DEFAULT_BACKOFF_RATE = 2.0;

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** The delay before retry number {@code attempt + 1}, where {@code attempt} counts the retries already made. */
    public Duration delayBeforeRetry(int attempt) {
        double seconds = intervalSeconds * Math.pow(backoffRate, attempt);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
