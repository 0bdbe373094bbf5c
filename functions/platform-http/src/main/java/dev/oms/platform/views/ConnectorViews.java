package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorAdministration.ConnectorView;
import dev.oms.app.connector.registry.ConnectorCall;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorHealth;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** The wire views of a connector registry entry (with its health and circuit state) and of one connector call. */
public final class ConnectorViews {
    private ConnectorViews() { }

    public static ObjectNode connector(ConnectorView v) {
        ConnectorConfig c = v.config();
        ObjectNode o = Json.object();
        o.put("port", c.port().wireName());
        o.put("adapter", c.adapter());
        o.set("adapters", Json.valueToTree(c.port().adapters()));
        o.set("settings", Json.valueToTree(new java.util.TreeMap<>(c.settings())));
        o.set("secrets", Json.valueToTree(new java.util.TreeMap<>(c.secrets())));
        o.put("version", c.version());
        o.put("updated_at", Times.format(c.updatedAt()));
        o.put("updated_by", c.updatedBy());
        ConnectorHealth h = v.health();
        ObjectNode health = o.putObject("health");
        health.put("adapter", h.adapter());
        health.put("last_success_at", Times.format(h.lastSuccessAt()));
        health.put("last_failure_at", Times.format(h.lastFailureAt()));
        health.put("last_error", h.lastError());
        health.put("error_rate", h.errorRate());
        health.put("sample_size", h.sampleSize());
        health.put("circuit_state", h.circuitState());
        return o;
    }

    public static ObjectNode call(ConnectorCall c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("port", c.port().wireName());
        o.put("adapter", c.adapter());
        o.put("operation", c.operation());
        o.put("at", Times.format(c.at()));
        o.put("latency_ms", c.latencyMs());
        o.put("outcome", c.outcome());
        o.put("error", c.error());
        o.put("correlation_id", c.correlationId());
        o.put("vendor_request_id", c.vendorRequestId());
        return o;
    }
}
