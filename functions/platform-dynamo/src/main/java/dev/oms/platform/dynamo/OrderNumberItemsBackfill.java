package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        long[] n = new long[3]; // examined, written, present
        TenantOrderHeaders.forEach(table, tenant, null, header -> {
            if (header.path("number").asLong(0) < 1) return;
            n[0]++;
            ObjectNode item = GuestLookupItems.orderNumberItem(tenant, header.path("number").asLong(), header.path("id").asText());
            try {
                table.put(item, Expression.of("attribute_not_exists(PK)"));
                n[1]++;
            } catch (ConditionalCheckFailedException already) {
                n[2]++;
            }
        });
        return new Result(tenant, n[0], n[1], n[2]);
    }
}
