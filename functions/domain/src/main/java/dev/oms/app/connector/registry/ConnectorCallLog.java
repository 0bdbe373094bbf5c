package dev.oms.app.connector.registry;

import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;

/** The call log and health of the connectors (the log keeps 30 days). */
public interface ConnectorCallLog {
    void record(ConnectorCall call);

    /** The circuit breaker of a tenant's adapter changed state. */
    void circuitChanged(String tenantId, ConnectorPort port, String adapter, String state, java.time.Instant at);

    /** The calls of a tenant's port, newest first. */
    Page<ConnectorCall> calls(String tenantId, ConnectorPort port, PageRequest page);

    /** The calls of a registered connector (a fulfilment connector), newest first. */
    Page<ConnectorCall> connectorCalls(String tenantId, String connectorId, PageRequest page);

    ConnectorHealth health(String tenantId, ConnectorPort port, String adapter);

    /**
     * The health of a registered connector, from its own log: last success and failure among its last calls, their
     * error rate; the circuit {@code open} when its newest call was refused by it (the breaker lives in each container).
     */
    ConnectorHealth connectorHealth(String tenantId, String connectorId, String adapter);
}
