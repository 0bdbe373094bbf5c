package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.OrderTask;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** The wire view of a support task, for the order tasks routes and the admin tasks routes. */
public final class TaskViews {
    private TaskViews() { }

    public static ObjectNode task(OrderTask t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("order_id", t.orderId());
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
}
