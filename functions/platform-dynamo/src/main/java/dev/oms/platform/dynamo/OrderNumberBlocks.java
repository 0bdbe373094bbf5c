package dev.oms.platform.dynamo;

import dev.oms.platform.config.Env;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Order numbers, taken from the tenant's counter item a block at a time ({@code ORDER_NUMBER_BLOCK}, default 10):
 * one {@code ADD} on {@code T#t#COUNTER#ORDER_NUMBER} reserves the next block for this container, which then hands
 * its numbers out from memory. A counter item takes about 1,000 writes a second; with blocks of 10 the tenant's order
 * rate can be ten times that. Numbers stay unique and start at 1001; they are not gapless (a container that ends
 * leaves the rest of its block unused) and two containers interleave. {@code ORDER_NUMBER_BLOCK=1} gives strictly
 * consecutive numbers, one counter write per order (docs/scaling.md).
 */
final class OrderNumberBlocks {
    static final int FIRST = 1000;

    private final SingleTable table;
    private final int blockSize;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    OrderNumberBlocks(SingleTable table) { this(table, Integer.parseInt(Env.get("ORDER_NUMBER_BLOCK", "10"))); }

    OrderNumberBlocks(SingleTable table, int blockSize) {
        if (blockSize < 1 || blockSize > 1000) throw new IllegalStateException("ORDER_NUMBER_BLOCK must be 1 to 1000, not " + blockSize);
        this.table = table;
        this.blockSize = blockSize;
    }

    long next(String tenant) {
        Block block = blocks.computeIfAbsent(tenant, t -> new Block());
        synchronized (block) {
            if (block.next > block.last) {
                long end = reserve(tenant);
                block.next = end - blockSize + 1;
                block.last = end;
            }
            return FIRST + block.next++;
        }
    }

    /** Adds a block to the counter; answers the block's last value. */
    private long reserve(String tenant) {
        var response = table.client().updateItem(r -> r.tableName(table.name())
                .key(SingleTable.primaryKey(Keys.orderCounter(tenant), Keys.SINGLE))
                .updateExpression("ADD #v :block SET #t = :type")
                .expressionAttributeNames(Map.of("#v", "value", "#t", "type"))
                .expressionAttributeValues(Map.of(":block", AttributeValue.fromN(Integer.toString(blockSize)), ":type", AttributeValue.fromS("counter")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("value").n());
    }

    private static final class Block {
        long next = 1, last = 0;
    }
}
