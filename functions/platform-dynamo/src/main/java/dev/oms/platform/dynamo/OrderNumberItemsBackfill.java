package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Gives the orders of one tenant that were created before the guest lookup existed their order-number item
 * ({@link GuestLookupItems#orderNumber}: the guest lookup finds an order by the number its customer sees; the order's
 * create transaction writes it since then). Each order header of the creation index (GSI1) with a number gets the item
 * unless one is there already (a conditional put: an item written meanwhile, or by an earlier run, is left alone).
 * Nothing of the order changes and no event is written; running it again writes nothing.
 */
public final class OrderNumberItemsBackfill {
    private final SingleTable table;

    public OrderNumberItemsBackfill(SingleTable table) { this.table = table; }

    /** What a run looked at ({@code examined} order headers), wrote, and found already present. */
    public record Result(String tenantId, long examined, long written, long present) { }

    public Result run(String tenant) {
        long examined = 0, written = 0, present = 0;
        for (var page : table.index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(Keys.ordersByCreated(tenant)))).build())) {
            for (var d : page.items()) {
                ObjectNode header = SingleTable.item(d.toMap());
                if (!"order".equals(header.path("type").asText()) || header.path("number").asLong(0) < 1) continue;
                examined++;
                ObjectNode item = GuestLookupItems.orderNumberItem(tenant, header.path("number").asLong(), header.path("id").asText());
                try {
                    table.client().putItem(r -> r.tableName(table.name()).item(SingleTable.document(item).toMap())
                            .conditionExpression("attribute_not_exists(PK)"));
                    written++;
                } catch (ConditionalCheckFailedException already) {
                    present++;
                }
            }
        }
        return new Result(tenant, examined, written, present);
    }
}
