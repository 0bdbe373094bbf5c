package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.connector.registry.ConnectorRegistry;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The registry items: {@code T#{tenant}#CONNECTORS / PORT#{port}}, versioned; secrets only as references. */
public final class DynamoConnectorRegistry implements ConnectorRegistry {
    private final SingleTable table;

    public DynamoConnectorRegistry(SingleTable table) { this.table = table; }

    @Override
    public Optional<ConnectorConfig> get(String tenantId, ConnectorPort port) {
        return table.get(ConnectorKeys.registry(tenantId), ConnectorKeys.portSk(port)).map(i -> config(tenantId, i));
    }

    @Override
    public List<ConnectorConfig> list(String tenantId) {
        TableQuery q = TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(ConnectorKeys.registry(tenantId), "PORT#"))
                .consistentRead(true).build();
        List<ConnectorConfig> out = new ArrayList<>();
        table.query(q).items().forEach(i -> {
            ConnectorConfig c = config(tenantId, i);
            if (c != null) out.add(c);
        });
        return out;
    }

    @Override
    public boolean put(ConnectorConfig c) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, ConnectorKeys.registry(c.tenantId()));
        item.put(Keys.SK, ConnectorKeys.portSk(c.port()));
        item.put("type", "connector");
        item.put("port", c.port().wireName());
        item.put("adapter", c.adapter());
        item.set("settings", Json.valueToTree(c.settings()));
        item.set("secrets", Json.valueToTree(c.secrets()));
        item.put("version", c.version());
        item.put("updated_at", Times.format(c.updatedAt()));
        item.put("updated_by", c.updatedBy());
        Expression condition = c.version() == 1
                ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("#v = :v").putExpressionName("#v", "version")
                        .putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.version() - 1))).build();
        try {
            table.put(item, condition);
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static ConnectorConfig config(String tenantId, JsonNode i) {
        Optional<ConnectorPort> port = ConnectorPort.parse(Shapes.text(i, "port"));
        if (port.isEmpty()) return null;
        Map<String, String> settings = i.has("settings") ? Shapes.stringMap(i.get("settings")) : Map.of();
        Map<String, String> secrets = i.has("secrets") ? Shapes.stringMap(i.get("secrets")) : Map.of();
        return new ConnectorConfig(tenantId, port.get(), Shapes.text(i, "adapter"), settings, secrets,
                i.path("version").asLong(), Times.parse(Shapes.text(i, "updated_at")), Shapes.text(i, "updated_by"));
    }
}
