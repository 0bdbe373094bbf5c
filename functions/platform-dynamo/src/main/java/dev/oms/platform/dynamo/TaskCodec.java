package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderTask;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/**
 * Stores an order's tasks beside the order and indexes them across orders: GSI1 by status, GSI2 by assignee and
 * status, both sorted by due time. {@link DynamoTaskIndex} reads them back.
 */
final class TaskCodec implements ChildCodec<OrderTask> {
    /** The tenant is not part of the task record; the repository writes the item under the order's tenant. */
    private static final String TENANT = "tenant_id";

    @Override public String kind() { return "task"; }
    @Override public Class<OrderTask> type() { return OrderTask.class; }
    /** A task is named alone in the fulfilment task routes ({@code /v1/fulfillment/tasks/{taskId}/claim}). */
    @Override public boolean addressable() { return true; }

    @Override
    public ObjectNode toItem(OrderTask t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("title", t.title());
        o.put("description", t.description());
        o.put("assignee", t.assignee());
        o.put("due_at", Times.format(t.dueAt()));
        o.put("priority", t.priority());
        o.put("status", t.status());
        o.put("completion_note", t.completionNote());
        o.put("created_by", t.createdBy());
        o.put("created_at", Times.format(t.createdAt()));
        o.put("updated_by", t.updatedBy());
        o.put("updated_at", Times.format(t.updatedAt()));
        o.put("completed_at", Times.format(t.completedAt()));
        return o;
    }

    /** The index keys of a task of {@code tenant} (added by the repository, which knows the tenant). */
    static void index(ObjectNode item, String tenant, OrderTask t) {
        String sk = Keys.taskDueSk(Times.format(t.dueAt()), t.id());
        item.put(Keys.GSI1PK, Keys.tasksByStatus(tenant, t.status()));
        item.put(Keys.GSI1SK, sk);
        if (t.assignee() != null) {
            item.put(Keys.GSI2PK, Keys.tasksByAssignee(tenant, t.assignee(), t.status()));
            item.put(Keys.GSI2SK, sk);
        }
        item.put(TENANT, tenant);
    }

    @Override
    public OrderTask fromItem(JsonNode o) {
        return new OrderTask(text(o, "id"), text(o, "order_id"), text(o, "title"), text(o, "description"), text(o, "assignee"),
                Times.parse(text(o, "due_at")), text(o, "priority"), text(o, "status"), text(o, "completion_note"),
                text(o, "created_by"), Times.parse(text(o, "created_at")), text(o, "updated_by"), Times.parse(text(o, "updated_at")),
                Times.parse(text(o, "completed_at")));
    }
}
