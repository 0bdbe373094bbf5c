package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.util.Optional;
import java.util.function.Supplier;

/** Makes sandbox operations idempotent: the first result under a key is stored and returned for every repeat. */
final class SandboxOperations {
    private final SingleTable table;

    SandboxOperations(SingleTable table) { this.table = table; }

    /** The result of an operation done under the key, if it was. */
    Optional<ObjectNode> find(String tenant, String connector, String key) {
        return table.get(Keys.sandboxOperation(tenant, connector, key), Keys.SINGLE).map(done -> (ObjectNode) done.path("result"));
    }

    ObjectNode once(String tenant, String connector, String key, Supplier<ObjectNode> operation) {
        Optional<ObjectNode> done = table.get(Keys.sandboxOperation(tenant, connector, key), Keys.SINGLE);
        if (done.isPresent()) return (ObjectNode) done.get().path("result");
        ObjectNode result = operation.get();
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.sandboxOperation(tenant, connector, key));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_operation");
        item.set("result", result);
        table.put(item);
        return result;
    }
}
