package dev.oms.domain.order;

import java.time.Instant;
import java.util.Map;

/** Records on the order that a connector was run again for it by hand ({@code order.connector_run}). */
public final class ConnectorRunRecords {
    private ConnectorRunRecords() { }

    public static void record(Order o, String port, String operation, Map<String, Object> outcome, Instant now) {
        o.record("order.connector_run", Order.data("port", port, "operation", operation, "outcome", outcome));
        o.touch(now);
    }
}
