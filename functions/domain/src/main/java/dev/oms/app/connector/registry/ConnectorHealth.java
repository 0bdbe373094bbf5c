package dev.oms.app.connector.registry;

import java.time.Instant;

/**
 * How an adapter of a tenant's port fares: when it last answered and last failed (with the error), the share of
 * failed calls among the last {@code sampleSize} calls, and its circuit breaker ({@code closed}, {@code open},
 * {@code half_open}).
 */
public record ConnectorHealth(ConnectorPort port, String adapter, Instant lastSuccessAt, Instant lastFailureAt,
                              String lastError, double errorRate, int sampleSize, String circuitState) {
    public static final String CLOSED = "closed", OPEN = "open", HALF_OPEN = "half_open";
}
