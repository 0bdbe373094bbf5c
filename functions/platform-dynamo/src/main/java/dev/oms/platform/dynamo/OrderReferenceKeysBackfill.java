package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Gives the order headers of one tenant the GSI4/GSI5 reference keys ({@link OrderReferenceKeys}: lookup by
 * {@code merchant_reference} / {@code customer_reference} metadata) they lack, for orders written before those
 * indexes existed: each header of the creation index (GSI1) whose keys differ from what its metadata says is updated
 * (SET the keys, REMOVE stale ones) on the version read, so a header changed meanwhile (its own write put the keys)
 * is left alone. Nothing else of the header changes and no event is written; running it again changes nothing.
 */
public final class OrderReferenceKeysBackfill {
    private static final String[] KEYS = {Keys.GSI4PK, Keys.GSI4SK, Keys.GSI5PK, Keys.GSI5SK};

    private final SingleTable table;

    public OrderReferenceKeysBackfill(SingleTable table) { this.table = table; }

    /** What a run looked at and changed. */
    public record Result(String tenantId, long examined, long updated, long changedMeanwhile) { }

    public Result run(String tenant) {
        long[] n = new long[3]; // examined, updated, changed meanwhile
        TenantOrderHeaders.forEach(table, tenant, null, header -> {
            n[0]++;
            ObjectNode wanted = header.objectNode();
            OrderReferenceKeys.put(wanted, tenant, Shapes.stringMap(header.path("metadata")), header.path(Keys.GSI1SK).asText());
            if (same(header, wanted)) return;
            try {
                update(header, wanted);
                n[1]++;
            } catch (ConditionalCheckFailedException changed) {
                n[2]++;
            }
        });
        return new Result(tenant, n[0], n[1], n[2]);
    }

    private static boolean same(ObjectNode header, ObjectNode wanted) {
        for (String k : KEYS) if (!Objects.equals(header.path(k).asText(null), wanted.path(k).asText(null))) return false;
        return true;
    }

    private void update(ObjectNode header, ObjectNode wanted) {
        List<String> sets = new ArrayList<>(), removes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":v", AttributeValue.fromN(header.path("version").asText("0")));
        for (String k : KEYS) {
            names.put("#" + k, k);
            if (wanted.hasNonNull(k)) {
                sets.add("#" + k + " = :" + k);
                values.put(":" + k, AttributeValue.fromS(wanted.get(k).asText()));
            } else if (header.hasNonNull(k)) {
                removes.add("#" + k);
            } else {
                names.remove("#" + k);
            }
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ") + (removes.isEmpty() ? "" : "REMOVE " + String.join(", ", removes));
        table.client().updateItem(r -> r.tableName(table.name())
                .key(SingleTable.primaryKey(header.path(Keys.PK).asText(), header.path(Keys.SK).asText()))
                .updateExpression(expression.trim()).conditionExpression("version = :v")
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }
}
