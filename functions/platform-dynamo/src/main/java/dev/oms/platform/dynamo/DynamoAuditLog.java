package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.AuditFilter;
import dev.oms.app.port.AuditLog;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Timeline: the order's event items, oldest first. Audit: the tenant's event items by time, actor or action. */
public final class DynamoAuditLog implements AuditLog {
    /** A search examines at most this many items its filter drops, and then answers with a cursor. */
    static final int MAX_EXAMINED = 1000;

    private final SingleTable table;

    public DynamoAuditLog(SingleTable table) { this.table = table; }

    @Override
    public Page<StoredEvent> timeline(String tenantId, String orderId, PageRequest page) {
        String pk = Keys.order(tenantId, orderId);
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(pk, Keys.EVENT_SK_PREFIX))
                .limit(page.limit()).consistentRead(true).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        return toPage(result.items(), result.lastEvaluatedKey());
    }

    @Override
    public Optional<StoredEvent> find(String tenantId, String orderId, String eventId) {
        return table.get(Keys.order(tenantId, orderId), Keys.eventSk(eventId)).map(EventItemMapper::fromItem);
    }

    @Override
    public Page<StoredEvent> search(String tenantId, AuditFilter f, PageRequest page) {
        String index;
        List<String> partitions;
        Expression filter = null;
        if (f.actorId() != null) {
            index = Keys.GSI2;
            partitions = Keys.auditByActor(tenantId, f.actorId());
            if (f.action() != null) {
                filter = Expression.builder().expression("event_type = :action").putExpressionValue(":action", AttributeValue.fromS(f.action())).build();
            }
        } else if (f.action() != null) {
            index = Keys.GSI3;
            partitions = Keys.auditByAction(tenantId, f.action());
        } else {
            index = Keys.GSI1;
            partitions = Keys.audit(tenantId);
        }
        String lower = f.from() == null ? "0" : Times.format(f.from());
        String upper = f.to() == null ? "9" : Times.format(f.to()) + "~";
        var result = new ShardedIndexQuery(table).run(new ShardedIndexQuery.Request(index, partitions, lower, upper, false,
                filter, page.limit(), ShardedIndexQuery.after(page.position()), MAX_EXAMINED));
        List<StoredEvent> events = new ArrayList<>(result.items().size());
        for (ObjectNode item : result.items()) events.add(EventItemMapper.fromItem(item));
        return new Page<>(events, ShardedIndexQuery.position(result.after()));
    }

    private static Page<StoredEvent> toPage(List<ObjectNode> items, Map<String, AttributeValue> last) {
        List<StoredEvent> events = new ArrayList<>(items.size());
        for (ObjectNode item : items) events.add(EventItemMapper.fromItem(item));
        return new Page<>(events, Positions.encode(last));
    }
}
