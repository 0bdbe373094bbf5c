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
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
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
        QueryEnhancedRequest q = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue(ConnectorKeys.registry(tenantId)).sortValue("PORT#")))
                .consistentRead(true).build();
        List<ConnectorConfig> out = new ArrayList<>();
        table.table().query(q).items().forEach(d -> {
            ConnectorConfig c = config(tenantId, SingleTable.item(d.toMap()));
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
                ? Expression.builder().expression("attribute_not_exists(PK)").build()
                : Expression.builder().expression("#v = :v").putExpressionName("#v", "version")
                        .putExpressionValue(":v", AttributeValue.fromN(Long.toString(c.version() - 1))).build();
        try {
            table.table().putItem(PutItemEnhancedRequest.builder(software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument.class)
                    .item(SingleTable.document(item)).conditionExpression(condition).build());
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
