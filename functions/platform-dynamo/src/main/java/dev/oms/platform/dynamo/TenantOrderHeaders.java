package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

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
            QueryConditional key = createdBefore == null
                    ? QueryConditional.keyEqualTo(k -> k.partitionValue(pk))
                    : QueryConditional.sortLessThan(k -> k.partitionValue(pk).sortValue(createdBefore));
            for (var page : table.index(Keys.GSI1).query(QueryEnhancedRequest.builder().queryConditional(key).build())) {
                for (var d : page.items()) {
                    ObjectNode header = SingleTable.item(d.toMap());
                    if ("order".equals(header.path("type").asText())) each.accept(header);
                }
            }
        }
    }
}
