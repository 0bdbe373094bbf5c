package dev.oms.app.connector.registry;

import java.time.Instant;

/**
 * One call to a connector, as its log keeps it: no secrets, no card data, no personal data beyond ids.
 * {@code outcome}: {@code ok}; {@code refused} (the service answered no: a decline, an unknown id); {@code failed} (no
 * usable answer: time-out, 5xx, 429); {@code circuit_open} (not sent: the circuit breaker is open). {@code connectorId}
 * names the registered connector (a fulfilment connector) the call went to; null for a tenant's port.
 */
public record ConnectorCall(String id, String tenantId, ConnectorPort port, String adapter, String operation,
                            Instant at, long latencyMs, String outcome, String error, String correlationId,
                            String vendorRequestId, String connectorId) {
    public static final String OK = "ok", REFUSED = "refused", FAILED = "failed", CIRCUIT_OPEN = "circuit_open";

    public boolean failed() { return FAILED.equals(outcome) || CIRCUIT_OPEN.equals(outcome); }
}
