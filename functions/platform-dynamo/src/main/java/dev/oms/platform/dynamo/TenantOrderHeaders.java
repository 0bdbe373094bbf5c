package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every order header of one tenant, for the operator tasks that walk them all (backfills, the counters rebuild): the
 * creation index's shards one after the other, and the unsharded partition that versions before sharding wrote (empty
 * once the {@code shard_tenant_keys} task ran). Not in creation order.
 */
final class TenantOrderHeaders {
    private TenantOrderHeaders() { }

    /** Each header created before {@code createdBefore} (an ISO day or instant; null for all). */
    static void forEach(SingleTable table, String tenant, String createdBefore, Consumer<ObjectNode> each) {
        List<String> partitions = new ArrayList<>(Keys.ordersByCreated(tenant));
        partitions.add(Keys.unshardedOrders(tenant));
        for (String pk : partitions) {
            KeyCondition key = createdBefore == null ? KeyCondition.partition(pk) : KeyCondition.sortLessThan(pk, createdBefore);
            for (ObjectNode header : table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(key).build()).items()) {
                if ("order".equals(header.path("type").asText())) each.accept(header);
            }
        }
    }
}
