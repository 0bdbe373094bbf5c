package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorCall;
import dev.oms.app.connector.registry.ConnectorCallLog;
import dev.oms.app.connector.registry.ConnectorHealth;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One item per connector call ({@code T#{tenant}#CONNECTOR_CALLS#{port}}, sorted by time, expiring after
 * {@link #CALL_LOG_DAYS} days) and one health item per port and adapter (last success, last failure, circuit state),
 * updated in place. The error rate is computed from the last {@link #SAMPLE} calls when health is read.
 */
public final class DynamoConnectorCallLog implements ConnectorCallLog {
    public static final int CALL_LOG_DAYS = 30;
    public static final int SAMPLE = 100;

    private final SingleTable table;

    public DynamoConnectorCallLog(SingleTable table) { this.table = table; }

    @Override
    public void record(ConnectorCall c) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, c.connectorId() != null ? ConnectorKeys.connectorCalls(c.tenantId(), c.connectorId()) : ConnectorKeys.calls(c.tenantId(), c.port()));
        item.put(Keys.SK, ConnectorKeys.callSk(Times.format(c.at()), c.id()));
        item.put("type", "connector_call");
        item.put("id", c.id());
        item.put("port", c.port().wireName());
        item.put("adapter", c.adapter());
        item.put("operation", c.operation());
        item.put("at", Times.format(c.at()));
        item.put("latency_ms", c.latencyMs());
        item.put("outcome", c.outcome());
        item.put("error", c.error());
        item.put("correlation_id", c.correlationId());
        item.put("vendor_request_id", c.vendorRequestId());
        if (c.connectorId() != null) item.put("connector_id", c.connectorId());
        item.put(Keys.TTL, c.at().plus(Duration.ofDays(CALL_LOG_DAYS)).getEpochSecond());
        table.put(item);
        if (c.connectorId() != null) return; // a registered connector's health is read from its own log
        boolean failed = c.failed();
        String at = failed ? "last_failure_at" : "last_success_at";
        StringBuilder set = new StringBuilder("SET #type = :type, #port = :port, #adapter = :adapter, #at = :at");
        Map<String, String> names = new java.util.HashMap<>(Map.of("#type", "type", "#port", "port", "#adapter", "adapter", "#at", at));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":type", AttributeValue.fromS("connector_health"),
                ":port", AttributeValue.fromS(c.port().wireName()), ":adapter", AttributeValue.fromS(c.adapter()),
                ":at", AttributeValue.fromS(Times.format(c.at()))));
        if (failed) {
            set.append(", #err = :err");
            names.put("#err", "last_error");
            values.put(":err", AttributeValue.fromS(c.operation() + ": " + (c.error() == null ? c.outcome() : c.error())));
        }
        updateHealth(c.tenantId(), c.port(), c.adapter(), set.toString(), names, values);
    }

    @Override
    public void circuitChanged(String tenantId, ConnectorPort port, String adapter, String state, Instant at) {
        updateHealth(tenantId, port, adapter, "SET #type = :type, #port = :port, #adapter = :adapter, #circuit = :circuit, #changed = :changed",
                Map.of("#type", "type", "#port", "port", "#adapter", "adapter", "#circuit", "circuit_state", "#changed", "circuit_changed_at"),
                Map.of(":type", AttributeValue.fromS("connector_health"), ":port", AttributeValue.fromS(port.wireName()),
                        ":adapter", AttributeValue.fromS(adapter), ":circuit", AttributeValue.fromS(state),
                        ":changed", AttributeValue.fromS(Times.format(at))));
    }

    private void updateHealth(String tenantId, ConnectorPort port, String adapter, String expression,
                              Map<String, String> names, Map<String, AttributeValue> values) {
        table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                .key(SingleTable.primaryKey(ConnectorKeys.registry(tenantId), ConnectorKeys.healthSk(port, adapter)))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values).build());
    }

    @Override
    public Page<ConnectorCall> calls(String tenantId, ConnectorPort port, PageRequest page) {
        return page(tenantId, port, ConnectorKeys.calls(tenantId, port), page);
    }

    @Override
    public Page<ConnectorCall> connectorCalls(String tenantId, String connectorId, PageRequest page) {
        return page(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, ConnectorKeys.connectorCalls(tenantId, connectorId), page);
    }

    private Page<ConnectorCall> page(String tenantId, ConnectorPort port, String partition, PageRequest page) {
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.partition(partition))
                .scanIndexForward(false).limit(page.limit()).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<ConnectorCall> items = new ArrayList<>();
        result.items().forEach(i -> items.add(call(tenantId, port, i)));
        return new Page<>(items, Positions.encode(result.lastEvaluatedKey()));
    }

    @Override
    public ConnectorHealth health(String tenantId, ConnectorPort port, String adapter) {
        JsonNode h = table.get(ConnectorKeys.registry(tenantId), ConnectorKeys.healthSk(port, adapter)).orElse(Json.object());
        List<ConnectorCall> recent = calls(tenantId, port, new PageRequest(null, SAMPLE)).items().stream()
                .filter(c -> adapter.equals(c.adapter())).toList();
        String circuit = Shapes.text(h, "circuit_state");
        return new ConnectorHealth(port, adapter, Times.parse(Shapes.text(h, "last_success_at")),
                Times.parse(Shapes.text(h, "last_failure_at")), Shapes.text(h, "last_error"), errorRate(recent), recent.size(),
                circuit == null ? ConnectorHealth.CLOSED : circuit);
    }

    @Override
    public ConnectorHealth connectorHealth(String tenantId, String connectorId, String adapter) {
        List<ConnectorCall> recent = connectorCalls(tenantId, connectorId, new PageRequest(null, SAMPLE)).items(); // newest first
        ConnectorCall lastOk = recent.stream().filter(c -> ConnectorCall.OK.equals(c.outcome())).findFirst().orElse(null);
        ConnectorCall lastFailed = recent.stream().filter(ConnectorCall::failed).findFirst().orElse(null);
        boolean open = !recent.isEmpty() && ConnectorCall.CIRCUIT_OPEN.equals(recent.get(0).outcome());
        return new ConnectorHealth(ConnectorPort.FULFILLMENT_PROVIDER, adapter, lastOk == null ? null : lastOk.at(),
                lastFailed == null ? null : lastFailed.at(), lastFailed == null ? null : lastFailed.operation() + ": " + lastFailed.error(),
                errorRate(recent), recent.size(), open ? ConnectorHealth.OPEN : ConnectorHealth.CLOSED);
    }

    /** Failed calls among these, to three decimals (0 for none). */
    private static double errorRate(List<ConnectorCall> recent) {
        long failed = recent.stream().filter(ConnectorCall::failed).count();
        return recent.isEmpty() ? 0 : Math.round(1000.0 * failed / recent.size()) / 1000.0;
    }

    private static ConnectorCall call(String tenantId, ConnectorPort port, JsonNode i) {
        return new ConnectorCall(Shapes.text(i, "id"), tenantId, port, Shapes.text(i, "adapter"), Shapes.text(i, "operation"),
                Times.parse(Shapes.text(i, "at")), i.path("latency_ms").asLong(), Shapes.text(i, "outcome"),
                Shapes.text(i, "error"), Shapes.text(i, "correlation_id"), Shapes.text(i, "vendor_request_id"), Shapes.text(i, "connector_id"));
    }
}
